// The backend interface every transport implements and every controller calls: the API, typed
// by the generated method map (`ui/src/lib/api/methods.ts`). Knows no transport.
import type { Answer, Args, Method } from '../api/methods';

export type { Answer, Args, Method } from '../api/methods';

/** What follows the method name: nothing for a method without arguments, the arguments
 *  (optional when every field is) otherwise. */
export type CallArgs<M extends Method> = Args<M> extends null
  ? []
  : object extends Args<M>
    ? [args?: Args<M>]
    : [args: Args<M>];

/** The API, typed by the generated method map. */
export interface Backend {
  call<M extends Method>(method: M, ...args: CallArgs<M>): Promise<Answer<M>>;
}
