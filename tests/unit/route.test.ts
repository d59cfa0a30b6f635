// The hash routes (renderer/route.ts): every route a screen can go to is written and read back as the
// same route, so a reload returns to it; an unknown or hand-edited hash falls back to a screen's list.
import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, screenRoute, type Route } from '../../renderer/route';

const routes: Route[] = [
  { screen: 'cases', view: { kind: 'list' } },
  { screen: 'cases', view: { kind: 'new' } },
  { screen: 'cases', view: { kind: 'import' } },
  { screen: 'cases', view: { kind: 'record', caseId: 'c0ffee-1', section: null } },
  { screen: 'cases', view: { kind: 'record', caseId: 'c0ffee-1', section: 'investigation' } },
  { screen: 'meetings', meetingId: null, tab: null, itemId: null },
  { screen: 'meetings', meetingId: 'm1', tab: 'session', itemId: 'i1' },
  { screen: 'notices', tab: 'standing', batchId: null },
  { screen: 'notices', tab: 'batches', batchId: 'b1' },
  { screen: 'spotChecks', view: { kind: 'new' } },
  { screen: 'spotChecks', view: { kind: 'redraw', drawId: 'd1' } },
  { screen: 'spotChecks', view: { kind: 'draw', drawId: 'd1', tab: 'documents' } },
  { screen: 'sync' },
  { screen: 'settings' },
  { screen: 'due' },
  { screen: 'roster' },
  { screen: 'statistics', scope: null, month: null, period: null },
  { screen: 'statistics', scope: '430188001', month: '2026-10', period: 'year' },
];

describe('hash routes', () => {
  it('reads back every route as it was written', () => {
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
  });

  it('names the import screen #/cases/import, not a case of that id', () => {
    expect(formatRoute({ screen: 'cases', view: { kind: 'import' } })).toBe('#/cases/import');
    expect(parseRoute('#/cases/import')).toEqual({ screen: 'cases', view: { kind: 'import' } });
    expect(parseRoute('#/cases/import/x')).toEqual({ screen: 'cases', view: { kind: 'import' } });
  });

  it('falls back to the list for what it does not know, and to nothing for an unknown screen', () => {
    expect(parseRoute('#/cases/<script>')).toEqual(screenRoute('cases'));
    expect(parseRoute('#/nowhere')).toBeNull();
    expect(parseRoute('')).toBeNull();
  });

  it('keeps the statistics choice (scope, month, period) in the address, all three or none', () => {
    expect(formatRoute({ screen: 'statistics', scope: '430188', month: '2026-11', period: 'half' })).toBe('#/statistics/430188/2026-11/half');
    expect(parseRoute('#/statistics')).toEqual(screenRoute('statistics'));
    expect(parseRoute('#/statistics/4301/2026-11/month')).toEqual(screenRoute('statistics'));
    expect(parseRoute('#/statistics/430188/2026-13/month')).toEqual(screenRoute('statistics'));
    expect(parseRoute('#/statistics/430188/2026-11/decade')).toEqual(screenRoute('statistics'));
  });
});
