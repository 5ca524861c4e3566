// Before a drop: which mid-level cadres (中层正职 / 副职) the drop takes out of their department,
// and whether the destination then holds more of them than its posts (职数) allow — the
// `posts_within_limits` rule the checker would flag only after the move.
import type { PersonView, Post, Unit } from '../api';
import type { StructureIndex } from './model';

export const POSTS_RULE_ID = 'posts_within_limits';

export interface HeadDrop {
  person: PersonView;
  post: Exclude<Post, 'none'>;
  /** The department (top-level unit) they leave, or their old unit while still unplaced. */
  leaves: string;
}

export interface PostOverflow {
  post: Exclude<Post, 'none'>;
  /** Holders of the post in the destination after the drop, and its posts. */
  after: number;
  limit: number;
}

export interface HeadDropWarning {
  to: string;
  cadres: HeadDrop[];
  /** Non-empty when the drop breaks the posts rule in the destination. */
  overflows: PostOverflow[];
}

/**
 * The warning for dropping `moving` on unit `to`, or null when no unit head or deputy leaves
 * their department. `people` is the whole roster (to count post holders in the destination).
 */
export function headDropWarning(
  moving: PersonView[],
  to: Unit,
  people: PersonView[],
  index: StructureIndex,
): HeadDropWarning | null {
  const target = index.topLevel(to.id);
  const cadres: HeadDrop[] = [];
  for (const p of moving) {
    if (p.post === 'none' || p.unit === to.id) continue;
    const leaving = p.unit === null ? index.isMove(p.old_unit, to.id) : index.topLevel(p.unit) !== target;
    if (leaving) cadres.push({ person: p, post: p.post, leaves: p.unit === null ? p.old_unit : index.topLevel(p.unit) });
  }
  if (cadres.length === 0) return null;
  const overflows: PostOverflow[] = [];
  const movingIds = new Set(moving.map((p) => p.police_number));
  for (const [post, limit] of [
    ['head', to.head_posts],
    ['deputy', to.deputy_posts],
  ] as const) {
    const incoming = moving.filter((p) => p.post === post && p.unit !== to.id).length;
    if (incoming === 0) continue;
    const staying = people.filter((p) => p.unit === to.id && p.post === post && !movingIds.has(p.police_number)).length;
    const already = moving.filter((p) => p.post === post && p.unit === to.id).length;
    const after = staying + already + incoming;
    if (after > limit) overflows.push({ post, after, limit });
  }
  return { to: to.id, cadres, overflows };
}
