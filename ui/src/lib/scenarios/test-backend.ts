// A fake Backend for the scenario controllers' tests: answers from a table, records the calls.
import { ApiError, type Backend } from '../backend';

export function fakeBackend(answers: Record<string, (args: any) => unknown>) {
  const calls: [string, any][] = [];
  const backend: Backend = {
    async call(method: string, args: any = {}): Promise<any> {
      calls.push([method, args]);
      const answer = answers[method];
      if (!answer) throw new ApiError('unknown_method', method);
      return answer(args) as any;
    },
  };
  return { backend, calls };
}
