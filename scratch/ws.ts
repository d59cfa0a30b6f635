import { districtTemplate } from '../tests/helpers/district';
import { api } from '../tests/helpers/api';
const district = districtTemplate();
const w = await district.world();
await w.signIn('bureau-chief');
const a = api(w.ctx);
const query = { periodStart: '2026-10-01', periodEnd: '2026-10-31', streetCodes: ['430188001', '430188002'] };
const frame = await a.call('spotchecks.frame', { query, rate: 30 });
const draw = await a.call('spotchecks.draw', { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: '31415926535897932384' } });
await a.call('spotchecks.autoAssign', { drawId: draw.id });
for (const [k, name] of [['worksheetPdf', 'ws'], ['reportPdf', 'rp'], ['recordPdf', 'rc']] as const) {
  const f = await a.call(`spotchecks.${k}` as 'spotchecks.reportPdf', { drawId: draw.id });
  console.log(name, f.path, f.pages);
  (await import('node:fs')).copyFileSync(f.path, `/tmp/sc-${name}.pdf`);
}
await w.cleanup(); district.dispose();
