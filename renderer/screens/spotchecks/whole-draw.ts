// A draw comes over IPC with its first page of sampled cases (shared/spotcheck.ts DRAW_ITEMS_PAGE), so no
// answer nears 1 MB at a district's scale; the panels filter, sort and count the whole sample, so the
// rest is asked for page by page before the draw is shown.
import type { DrawDetail } from '../../../shared/spotcheck';
import { call } from '../../api';

export async function wholeDraw(answer: Promise<DrawDetail>): Promise<DrawDetail> {
  const first = await answer;
  if (first.items.length >= first.itemsTotal) return first;
  const items = [...first.items];
  while (items.length < first.itemsTotal) {
    const page = await call('spotchecks.items', { drawId: first.id, offset: items.length });
    // A draw extended meanwhile is read again by its next answer; an empty page ends the reading here.
    if (page.items.length === 0) break;
    items.push(...page.items);
  }
  return { ...first, items };
}
