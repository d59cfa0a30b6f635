import { parseDivisionCode } from '../../../shared/division-code';
import { caseAmount } from '../../../shared/case-amount';
import { AppError } from '../../../shared/result';
import type { PdfFile } from '../../../shared/api';
import type { CommunityCaseListData } from '../../../templates/community-cases';
import { listCases } from '../cases/case-list';
import type { BackendContext } from '../context';
import { officeOf } from '../regions/offices';
import { printPdf } from './print';

export async function communityCaseListData(ctx: BackendContext, jurisdiction: string, communityCode: string): Promise<CommunityCaseListData> {
  const parsed = parseDivisionCode(communityCode);
  if (!parsed.ok || parsed.value.level !== 'community') throw new AppError('validation', `“${communityCode}”不是社区（村）区划代码`);
  if (!communityCode.startsWith(jurisdiction)) throw new AppError('forbidden', `社区 ${communityCode} 不在您的管辖范围内`);
  const community = await ctx.db.selectFrom('regions').select(['name', 'parent_code']).where('code', '=', communityCode).executeTakeFirst();
  if (!community) throw new AppError('not-found', `没有区划代码为 ${communityCode} 的社区`);
  const street = await ctx.db.selectFrom('regions').select('name').where('code', '=', parsed.value.streetCode).executeTakeFirstOrThrow();
  const cases = await listCases(ctx.db, jurisdiction, { communityCode });
  cases.sort((a, b) => (a.appliedOn < b.appliedOn ? -1 : a.appliedOn > b.appliedOn ? 1 : a.caseNo < b.caseNo ? -1 : 1));
  return {
    officeName: (await officeOf(ctx.db, parsed.value.streetCode)).name,
    streetName: street.name,
    communityName: community.name,
    communityCode,
    printedOn: ctx.clock.today(),
    rows: cases.map((c) => ({
      caseNo: c.caseNo,
      headName: c.headName,
      householdSize: c.householdSize,
      category: c.category,
      kind: c.kind,
      status: c.status,
      appliedOn: c.appliedOn,
      amount: caseAmount(c),
      flags: [c.closeRelative ? '近亲属' : '', c.complaint ? '投诉' : ''].filter(Boolean).join(' '),
    })),
  };
}

/** Renders the list, writes it to the export folder and records the print in the audit log. */
export async function writeCommunityCaseList(
  ctx: BackendContext,
  actorId: string | null,
  jurisdiction: string,
  communityCode: string,
  outFile?: string,
): Promise<PdfFile> {
  const data = await communityCaseListData(ctx, jurisdiction, communityCode);
  return printPdf(ctx, {
    job: { template: 'communityCases', data },
    jobId: `community-cases-${communityCode}`,
    fileName: `cases-${communityCode}.pdf`,
    ...(outFile ? { outFile } : {}),
    actorId,
    entity: 'community',
    entityId: communityCode,
    details: { document: 'community-cases', rows: data.rows.length },
  });
}
