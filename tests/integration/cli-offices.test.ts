// The standing list printed by the CLI for a community of EACH demo street is signed by that street's own
// office, with its own address, phone and hotlines: never by the street the demo copy is signed in as
// (issue 14, "documents signed by the wrong office").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf';
import { openWithKeyBeside } from '../../electron/backend/db/at-rest';

const dir = mkdtempSync(join(tmpdir(), 'jrd-cli-offices-'));
const db = join(dir, 'demo.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/backend/cli/main.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type StreetOffice = { code: string; name: string; office_name: string; office_address: string; office_phone: string; community: string };
let streets: StreetOffice[] = [];

beforeAll(() => {
  const gen = cli('generate', '--db', db, '--households', '600', '--seed', '7');
  expect(gen.code, gen.stderr).toBe(0);
  const sqlite = openWithKeyBeside(db, { readonly: true });
  // Per street, the community with the most households receiving assistance (a standing list needs some).
  streets = sqlite
    .prepare(
      `SELECT s.code, s.name, s.office_name, s.office_address, s.office_phone,
              (SELECT h.community_code FROM households h WHERE h.street_code = s.code AND h.assistance_status IN ('active', 'phasing_out')
               GROUP BY h.community_code ORDER BY count(*) DESC, h.community_code LIMIT 1) AS community
         FROM regions s WHERE s.level = 'street' ORDER BY s.code`,
    )
    .all() as StreetOffice[];
  sqlite.close();
}, 120_000);

describe('npm run cli -- notice --standing --community CODE', () => {
  it('names the office, address and phone of the street each community belongs to', () => {
    expect(streets).toHaveLength(7);
    expect(new Set(streets.map((s) => s.office_phone)).size).toBe(7);
    for (const s of streets) {
      expect(s.community, s.code).toMatch(/^\d{12}$/);
      const out = join(dir, `standing-${s.community}.pdf`);
      // As the demo copy's signed-in 望江街道 user: a standing list is public, any office of the district may print it.
      const r = cli('notice', '--db', db, '--standing', '--community', s.community, '--out', out);
      expect(r.code, `${s.code}: ${r.stderr}`).toBe(0);
      const flat = pdfText(out).replace(/\s+/g, '');
      const name = s.office_name;
      expect(name, s.code).toContain(s.name);
      expect(flat, s.code).toContain(`可向${name}反映（地址：${s.office_address}，电话：${s.office_phone.replace(/\s+/g, '')}），也可拨打民政服务热线12349或政务服务便民热线12345。`);
      // Signed by the street's office and nobody else's.
      expect(flat, s.code).toMatch(new RegExp(`${name}\\d{4}年\\d{1,2}月\\d{1,2}日`));
      for (const other of streets) if (other.code !== s.code) expect(flat, `${s.code} mentions ${other.office_name}`).not.toContain(other.office_name);
    }
  }, 600_000);

  it('refuses a community of another district', () => {
    const r = cli('notice', '--db', db, '--standing', '--community', '430199001001', '--out', join(dir, 'x.pdf'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/不在本区，不能打印它的公示名单/);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  }, 120_000);
});
