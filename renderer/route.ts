// Where the person is, as a hash route, so that a reload (or Electron's window restore) returns to the same
// screen, record and tab: mid-session on the same agenda item, mid-notice on the same batch, mid-ceremony.
// Only identifiers travel in the URL; what was typed stays in sessionStorage (see use-remembered.ts).
//   #/cases[/new | /import | /ID[/investigation]]   #/meetings[/ID[/prepare|session|minutes[/ITEM]]]   #/notices[/standing|/batch/ID]
//   #/spot-checks[/new | /ID[/sample|progress|corrections|documents|/redraw]]   #/due   #/roster   #/sync   #/settings
//   #/statistics[/SCOPE/YYYY-MM/month|half|year]
import type { StatisticsPeriodKind } from '../shared/statistics';

export const meetingTabs = ['prepare', 'session', 'minutes'] as const;
export type MeetingTab = (typeof meetingTabs)[number];
export const drawTabs = ['sample', 'progress', 'corrections', 'documents'] as const;
export type DrawTab = (typeof drawTabs)[number];
export type NoticesTab = 'batches' | 'standing';
/** shared/statistics' period kinds, spelled out here so the main bundle does not take in that module for three words. */
const statisticsPeriods = ['month', 'half', 'year'] as const satisfies readonly StatisticsPeriodKind[];

export type SpotCheckView = { kind: 'list' } | { kind: 'new' } | { kind: 'redraw'; drawId: string } | { kind: 'draw'; drawId: string; tab: DrawTab | null };

/** The grid, the intake form (受理), the import from a spreadsheet, or one case's record page (or its investigation form). */
export type CaseView = { kind: 'list' } | { kind: 'new' } | { kind: 'import' } | { kind: 'record'; caseId: string; section: 'investigation' | null };

export type Route =
  | { screen: 'cases'; view: CaseView }
  | { screen: 'meetings'; meetingId: string | null; tab: MeetingTab | null; itemId: string | null }
  | { screen: 'notices'; tab: NoticesTab; batchId: string | null }
  | { screen: 'spotChecks'; view: SpotCheckView }
  | { screen: 'due' }
  | { screen: 'roster' }
  /** 统计: the figures of a street or the district; null until the person chooses (their own scope, this month, 月度). */
  | { screen: 'statistics'; scope: string | null; month: string | null; period: StatisticsPeriodKind | null }
  | { screen: 'sync' }
  | { screen: 'settings' };
export type ScreenId = Route['screen'];

/** The screen's own starting place (its list), as the sidebar opens it. */
export function screenRoute(screen: ScreenId): Route {
  switch (screen) {
    case 'cases':
      return { screen, view: { kind: 'list' } };
    case 'due':
    case 'roster':
    case 'sync':
    case 'settings':
      return { screen };
    case 'meetings':
      return { screen, meetingId: null, tab: null, itemId: null };
    case 'notices':
      return { screen, tab: 'batches', batchId: null };
    case 'spotChecks':
      return { screen, view: { kind: 'list' } };
    case 'statistics':
      return { screen, scope: null, month: null, period: null };
    default: {
      const never: never = screen;
      throw new Error(`unknown screen ${String(never)}`);
    }
  }
}

// Identifiers are UUIDs or division codes; anything else in a hand-edited URL is ignored, not trusted.
const isId = (s: string | undefined): s is string => s !== undefined && /^[A-Za-z0-9-]{1,64}$/.test(s);
const oneOf = <T extends string>(list: readonly T[], s: string | undefined): T | null => (list as readonly string[]).includes(s ?? '') ? (s as T) : null;

/** The route a hash names, or null when it names none (an empty or unknown hash). */
export function parseRoute(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, a, b, c] = parts;
  switch (head) {
    case 'cases':
      if (a === 'new') return { screen: 'cases', view: { kind: 'new' } };
      // Before the id test: "import" has an id's characters, and no case id is a plain word.
      if (a === 'import') return { screen: 'cases', view: { kind: 'import' } };
      if (!isId(a)) return screenRoute('cases');
      return { screen: 'cases', view: { kind: 'record', caseId: a, section: b === 'investigation' ? 'investigation' : null } };
    case 'due':
      return { screen: 'due' };
    case 'roster':
      return { screen: 'roster' };
    case 'statistics': {
      // All three or none: a hand-edited half of it falls back to the defaults.
      const scope = a !== undefined && /^(\d{6}|\d{9})$/.test(a) ? a : null;
      const month = b !== undefined && /^\d{4}-(0[1-9]|1[0-2])$/.test(b) ? b : null;
      const period = oneOf(statisticsPeriods, c);
      return scope && month && period ? { screen: 'statistics', scope, month, period } : screenRoute('statistics');
    }
    case 'sync':
      return { screen: 'sync' };
    case 'settings':
      return { screen: 'settings' };
    case 'meetings': {
      if (!isId(a)) return screenRoute('meetings');
      const tab = oneOf(meetingTabs, b);
      return { screen: 'meetings', meetingId: a, tab, itemId: tab === 'session' && isId(c) ? c : null };
    }
    case 'notices':
      if (a === 'standing') return { screen: 'notices', tab: 'standing', batchId: null };
      return { screen: 'notices', tab: 'batches', batchId: a === 'batch' && isId(b) ? b : null };
    case 'spot-checks': {
      if (a === 'new') return { screen: 'spotChecks', view: { kind: 'new' } };
      if (!isId(a)) return screenRoute('spotChecks');
      if (b === 'redraw') return { screen: 'spotChecks', view: { kind: 'redraw', drawId: a } };
      return { screen: 'spotChecks', view: { kind: 'draw', drawId: a, tab: oneOf(drawTabs, b) } };
    }
    default:
      return null;
  }
}

const path = (...parts: (string | null)[]) => '#/' + parts.filter((p): p is string => p !== null).map(encodeURIComponent).join('/');

export function formatRoute(route: Route): string {
  switch (route.screen) {
    case 'cases':
      return path('cases', ...caseParts(route.view));
    case 'due':
    case 'roster':
    case 'sync':
    case 'settings':
      return path(route.screen);
    case 'meetings':
      if (!route.meetingId) return path('meetings');
      return path('meetings', route.meetingId, route.tab, route.tab === 'session' ? route.itemId : null);
    case 'notices':
      if (route.batchId) return path('notices', 'batch', route.batchId);
      return path('notices', route.tab === 'standing' ? 'standing' : null);
    case 'spotChecks':
      return path('spot-checks', ...spotCheckParts(route.view));
    case 'statistics':
      return route.scope && route.month && route.period ? path('statistics', route.scope, route.month, route.period) : path('statistics');
    default: {
      const never: never = route;
      throw new Error(`unknown route ${String(never)}`);
    }
  }
}

function caseParts(view: CaseView): (string | null)[] {
  switch (view.kind) {
    case 'list':
      return [];
    case 'new':
      return ['new'];
    case 'import':
      return ['import'];
    case 'record':
      return [view.caseId, view.section];
    default: {
      const never: never = view;
      throw new Error(`unknown case view ${String(never)}`);
    }
  }
}

function spotCheckParts(view: SpotCheckView): (string | null)[] {
  switch (view.kind) {
    case 'list':
      return [];
    case 'new':
      return ['new'];
    case 'redraw':
      return [view.drawId, 'redraw'];
    case 'draw':
      return [view.drawId, view.tab];
    default: {
      const never: never = view;
      throw new Error(`unknown spot-check view ${String(never)}`);
    }
  }
}
