// Commands over the foundation's services. Each prints its own result on stdout and nothing else,
// so `npm run --silent cli -- …` output can be piped into scripts.
import { resolve } from 'node:path';
import { verifyAuditChain } from '../../audit/audit-log';
import { generateDistrict } from '../../demo/generator';
import { resolveFonts, fontLabel } from '../../pdf/fonts';
import { writeCommunityCaseList } from '../../pdf/community-cases';
import { actingUser } from '../acting';
import { bundledFontsDir } from '../../app-root';
import { integerOption, optionalOption, parseArgs, requireOption, UsageError } from '../args';
import { openCliBackend } from '../open';
import type { Command } from './types';

export const migrateCommand: Command = {
  usage: 'migrate --db FILE',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db'], flags: [] });
    const backend = await openCliBackend(requireOption(args, 'db'), { create: true });
    const m = backend.migration;
    out(m.applied.length ? `migrated ${m.from} → ${m.to}: ${m.applied.join(', ')}${m.backupFile ? ` (backup ${m.backupFile})` : ''}` : `up to date (schema ${m.to})`);
    await backend.close();
  },
};

export const generateCommand: Command = {
  usage: 'generate --db FILE [--seed N] [--households N] [--as-of YYYY-MM-DD]',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db', 'seed', 'households', 'as-of'], flags: [] });
    const asOf = optionalOption(args, 'as-of');
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError('--as-of must be YYYY-MM-DD');
    const options = { seed: integerOption(args, 'seed', 20261120), households: integerOption(args, 'households', 5000), ...(asOf ? { asOf } : {}) };
    const backend = await openCliBackend(requireOption(args, 'db'), { create: true });
    try {
      const summary = generateDistrict(backend.handle, options);
      out(JSON.stringify(summary));
    } finally {
      await backend.close();
    }
  },
};

export const casesPdfCommand: Command = {
  usage: 'cases-pdf --db FILE --community CODE --out FILE.pdf [--as USERNAME]',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db', 'community', 'out', 'as'], flags: [] });
    const community = requireOption(args, 'community');
    const outFile = resolve(requireOption(args, 'out'));
    const backend = await openCliBackend(requireOption(args, 'db'));
    try {
      const user = await actingUser(backend.ctx, args);
      const pdf = await writeCommunityCaseList(backend.ctx, user.id, user.regionCode, community, outFile);
      out(`${pdf.path}\t${pdf.pages} pages\t${pdf.bytes} bytes\tsha256 ${pdf.sha256}`);
    } finally {
      await backend.close();
    }
  },
};

export const auditVerifyCommand: Command = {
  usage: 'audit-verify --db FILE',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db'], flags: [] });
    const backend = await openCliBackend(requireOption(args, 'db'));
    try {
      const check = await verifyAuditChain(backend.ctx.db);
      out(check.ok ? `audit log intact: ${check.rows} rows` : `audit log broken at seq ${check.firstBrokenSeq} (${check.rows} rows)`);
      return check.ok ? 0 : 1;
    } finally {
      await backend.close();
    }
  },
};

export const fontsCommand: Command = {
  usage: 'fonts',
  async run(argv, out) {
    parseArgs(argv, { values: [], flags: [] });
    const { fonts, officialMissing } = resolveFonts({ bundledDir: bundledFontsDir() });
    for (const f of Object.values(fonts)) out(`${f.role}\t${fontLabel(f)}\t${f.file}`);
    if (officialMissing.length) out(`official fonts not installed: ${officialMissing.join(', ')}`);
  },
};
