// What a PDF is made from, as plain data: a worker thread receives it by structured clone and builds the
// pdfmake definition (which holds functions, so it cannot cross threads) on its own side. Each template
// is loaded when its first job comes: a worker that prints notices never evaluates the statistics
// report's charts (ECharts) or the schemas (zod) other templates' modules bring with them.
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { NoticeDocument } from '../../../shared/notice';
import { missingCase } from '../../../shared/result';
import type { CommunityCaseListData } from '../../../templates/community-cases';
import type { MinutesData } from '../../../templates/minutes';
import type { RosterDocData } from '../../../templates/roster';
import type { SpotCheckDocData } from '../../../templates/spotcheck-parts';
import type { StatisticsReportData } from '../../../templates/statistics-report';

export type PdfJob =
  | { template: 'notice'; data: NoticeDocument }
  | { template: 'minutes'; data: MinutesData }
  | { template: 'communityCases'; data: CommunityCaseListData }
  | { template: 'spotCheckRecord'; data: SpotCheckDocData }
  | { template: 'spotCheckWorksheet'; data: SpotCheckDocData; streetCode?: string }
  | { template: 'spotCheckReport'; data: SpotCheckDocData }
  | { template: 'roster'; data: RosterDocData }
  | { template: 'statisticsReport'; data: StatisticsReportData };

export async function jobDocument(job: PdfJob): Promise<TDocumentDefinitions> {
  switch (job.template) {
    case 'notice':
      return (await import('../../../templates/notice')).noticeDocumentDefinition(job.data);
    case 'minutes':
      return (await import('../../../templates/minutes')).minutesDocument(job.data);
    case 'communityCases':
      return (await import('../../../templates/community-cases')).communityCaseListDocument(job.data);
    case 'spotCheckRecord':
      return (await import('../../../templates/spotcheck-record')).spotCheckRecordDocument(job.data);
    case 'spotCheckWorksheet':
      return (await import('../../../templates/spotcheck-worksheet')).spotCheckWorksheetDocument(job.data, job.streetCode);
    case 'spotCheckReport':
      return (await import('../../../templates/spotcheck-report')).spotCheckReportDocument(job.data);
    case 'roster':
      return (await import('../../../templates/roster')).rosterDocument(job.data);
    case 'statisticsReport':
      return (await import('../../../templates/statistics-report')).statisticsReportDocument(job.data);
    default:
      return missingCase(job, 'pdf template');
  }
}
