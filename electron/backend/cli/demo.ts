// `npm run demo [-- --out DIR]`: builds demo.sqlite from the generator and writes every PDF the
// application can make, the spreadsheets of each export and the import template, then prints a short summary. Later features add their outputs here.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fixedClock } from '../clock';
import { generateDistrict } from '../demo/generator';
import { holdDemoMeeting } from '../demo/demo-meeting';
import { holdDemoSpotCheck } from '../demo/demo-spotcheck';
import { exportDraw, writeReportPdf, writeWorksheetPdf } from '../spotchecks/documents';
import { exportCases } from '../exports/cases-export';
import { exportDecisions } from '../exports/decisions-export';
import { writeImportTemplate } from '../exports/import-template';
import { exportNotice } from '../exports/notice-export';
import { exportSample } from '../exports/sample-export';
import { deskAs } from '../commands/desk';
import { createFromMeeting, postBatch } from '../notices/notice-batches';
import { writeBatchNotice, writeStandingNotice } from '../notices/notice-pdf';
import { writeCommunityCaseList } from '../pdf/community-cases';
import { listRegions } from '../regions/regions';
import { exportRosterXlsx, writeRosterPdf } from '../roster/roster-files';
import { latestRosterMonth } from '../../../shared/roster';
import { currentUser, rosterUserNamed } from '../session/session';
import { parseArgs, optionalOption, UsageError } from './args';
import { openCliBackend } from './open';
import { keyFileFor } from '../db/at-rest';

const DEMO_AS_OF = '2026-11-20';

async function demo(argv: string[]): Promise<void> {
  const args = parseArgs(argv, { values: ['out'], flags: [] });
  const outDir = resolve(optionalOption(args, 'out') ?? 'demo-output');
  const started = performance.now();
  mkdirSync(outDir, { recursive: true });
  const dbFile = join(outDir, 'demo.sqlite');
  // The demo database is rebuilt from scratch on every run; it holds only generated people. It is
  // encrypted like a desk's, with a new key in demo.key (0600) beside it (issue 21).
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, keyFileFor(dbFile)]) rmSync(f, { force: true });

  const backend = await openCliBackend(dbFile, { clock: fixedClock(`${DEMO_AS_OF}T10:00:00+08:00`), exportDir: outDir, create: true });
  try {
    const summary = generateDistrict(backend.handle, { asOf: DEMO_AS_OF });
    const generatedMs = performance.now() - started;
    const user = await currentUser(backend.ctx.db);
    const districtName = (await backend.ctx.db.selectFrom('regions').select('name').where('code', '=', summary.districtCode).executeTakeFirstOrThrow()).name;
    const communities = (await listRegions(backend.ctx.db, user.regionCode)).filter((r) => r.level === 'community');
    const files: string[] = [];
    for (const community of communities) {
      const pdf = await writeCommunityCaseList(backend.ctx, user.id, user.regionCode, community.code);
      files.push(`  ${relative(process.cwd(), pdf.path)}  ${pdf.pages} 页  ${(pdf.bytes / 1024).toFixed(0)} KB  ${community.name}`);
    }
    const held = await holdDemoMeeting(backend.ctx, DEMO_AS_OF.slice(0, 7));
    const m = held.meeting;
    const outcomes = (o: string) => m.items.filter((i) => i.decision?.outcome === o).length;
    // The meeting's notices go up the same day, one per community, and one standing list is printed.
    const desk = deskAs(backend.ctx, user);
    const batches = await desk.run(createFromMeeting, { meetingId: m.id, startDate: DEMO_AS_OF });
    const notices: string[] = [];
    for (const b of batches) {
      await desk.run(postBatch, { batchId: b.id });
      const pdf = await writeBatchNotice(backend.ctx, user, b.id, join(outDir, `notice-${b.communityCode}.pdf`));
      notices.push(`  ${relative(process.cwd(), pdf.path)}  ${pdf.pages} 页  ${b.itemCount} 户  ${b.communityName}`);
    }
    const standingCommunity = communities[0];
    if (standingCommunity) {
      const pdf = await writeStandingNotice(backend.ctx, user, standingCommunity.code);
      notices.push(`  ${relative(process.cwd(), pdf.path)}  ${pdf.pages} 页  长期公示  ${standingCommunity.name}`);
    }
    // The district bureau's spot check of last month, each bureau user acting as themselves.
    const draw = await holdDemoSpotCheck(backend.ctx);
    const chief = await rosterUserNamed(backend.ctx.db, 'bureau-chief');
    const worksheet = await writeWorksheetPdf(backend.ctx, chief, draw.id, undefined, join(outDir, 'spotcheck-worksheet.pdf'));
    const report = await writeReportPdf(backend.ctx, chief, draw.id, join(outDir, 'spotcheck-report.pdf'));
    const published = await exportDraw(backend.ctx, chief, draw.id);
    const flagged = draw.items.filter((i) => i.finding && i.finding.finding !== 'compliant').length;
    // The spreadsheets, each as the person who would export it: the street's caseworker the grid, the
    // meeting's decisions and a notice; the section chief the sample.
    const firstBatch = batches[0];
    const sheets = [
      { what: '导入模板', file: writeImportTemplate(join(outDir, 'import-template.xlsx')) },
      { what: `${user.regionName}个案清单`, file: await exportCases(backend.ctx, user, {}) },
      { what: '会议决定', file: await exportDecisions(backend.ctx, user, m.id) },
      ...(firstBatch ? [{ what: `公示名单 ${firstBatch.communityName}`, file: await exportNotice(backend.ctx, user, firstBatch.id) }] : []),
      { what: '抽查样本', file: await exportSample(backend.ctx, chief, draw.id) },
    ];
    // The demo street's payment roster of the latest month allowed on the as-of day (November: who is
    // paid by the decisions in effect at the end of October), as printed and as sent to finance.
    const rosterArgs = { month: latestRosterMonth(DEMO_AS_OF), scope: user.regionCode.slice(0, 9) };
    const rosterPdf = await writeRosterPdf(backend.ctx, user, rosterArgs);
    const rosterXlsx = await exportRosterXlsx(backend.ctx, user, rosterArgs);
    const lines = [
      `演示数据：${districtName}（${summary.districtCode}）${summary.streets} 个街道（镇）、${summary.communities} 个社区（村），` +
        `${summary.households} 户 ${summary.members} 人，${summary.cases} 件个案（${summary.pendingCases} 件待审议），` +
        `${summary.meetings} 次会议、${summary.decisions} 项决定、${summary.noticeBatches} 批公示（生成用时 ${(generatedMs / 1000).toFixed(1)} 秒）`,
      `数据库：${relative(process.cwd(), dbFile)}（${(statSync(dbFile).size / 1048576).toFixed(1)} MB），当前用户 ${user.name}（${user.regionName}）`,
      `会议：${m.streetName}${m.month.replace('-', '年')}月第${m.issueNo}期联审联批会议（id ${m.id}），${m.itemCount} 项议题：` +
        `同意 ${outcomes('approve')}、不同意 ${outcomes('reject')}、暂缓 ${outcomes('defer')}；${m.noticeDue} 户待公示`,
      `  纪要 ${relative(process.cwd(), held.minutes.path)}  ${held.minutes.pages} 页  SHA-256 ${held.minutes.sha256}`,
      `公示（${notices.length} 份）：`,
      ...notices,
      `抽查：${draw.periodStart} 至 ${draw.periodEnd}，清单 ${draw.strata.reduce((n, x) => n + x.population, 0)} 件，抽取 ${draw.items.length} 件（比例 ${draw.rate}%，种子 ${draw.seed}），` +
        `已核查 ${draw.inspected} 件，发现问题 ${flagged} 件`,
      `  清单 SHA-256 ${draw.manifestSha256}`,
      `  ${relative(process.cwd(), worksheet.path)}  ${worksheet.pages} 页`,
      `  ${relative(process.cwd(), report.path)}  ${report.pages} 页`,
      ...published.files.map((f) => `  ${relative(process.cwd(), f.path)}`),
      `花名册：${user.regionName}${rosterArgs.month.replace('-', '年')}月`,
      `  ${relative(process.cwd(), rosterPdf.path)}  ${rosterPdf.pages} 页`,
      `  ${relative(process.cwd(), rosterXlsx.path)}  ${rosterXlsx.rows} 行`,
      `表格（${sheets.length} 份，.xlsx）：`,
      ...sheets.map(({ what, file }) => `  ${relative(process.cwd(), file.path)}  ${file.rows} 行  ${what}`),
      `个案清单（${files.length} 份）：`,
      ...files,
      `共用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒。`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await backend.close();
  }
}

demo(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof UsageError ? `demo: ${error.message}\nusage: npm run demo -- [--out DIR]` : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
