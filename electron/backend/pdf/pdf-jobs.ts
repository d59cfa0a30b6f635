// What a PDF is made from, as plain data: a worker thread receives it by structured clone and builds the
// pdfmake definition (which holds functions, so it cannot cross threads) on its own side.
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { NoticeDocument } from '../../../shared/notice';
import { missingCase } from '../../../shared/result';
import { communityCaseListDocument, type CommunityCaseListData } from '../../../templates/community-cases';
import { minutesDocument, type MinutesData } from '../../../templates/minutes';
import { noticeDocumentDefinition } from '../../../templates/notice';
import { rosterDocument, type RosterDocData } from '../../../templates/roster';
import type { SpotCheckDocData } from '../../../templates/spotcheck-parts';
import { spotCheckRecordDocument } from '../../../templates/spotcheck-record';
import { spotCheckReportDocument } from '../../../templates/spotcheck-report';
import { spotCheckWorksheetDocument } from '../../../templates/spotcheck-worksheet';
import { statisticsReportDocument, type StatisticsReportData } from '../../../templates/statistics-report';

export type PdfJob =
  | { template: 'notice'; data: NoticeDocument }
  | { template: 'minutes'; data: MinutesData }
  | { template: 'communityCases'; data: CommunityCaseListData }
  | { template: 'spotCheckRecord'; data: SpotCheckDocData }
  | { template: 'spotCheckWorksheet'; data: SpotCheckDocData; streetCode?: string }
  | { template: 'spotCheckReport'; data: SpotCheckDocData }
  | { template: 'roster'; data: RosterDocData }
  | { template: 'statisticsReport'; data: StatisticsReportData };

export function jobDocument(job: PdfJob): TDocumentDefinitions {
  switch (job.template) {
    case 'notice':
      return noticeDocumentDefinition(job.data);
    case 'minutes':
      return minutesDocument(job.data);
    case 'communityCases':
      return communityCaseListDocument(job.data);
    case 'spotCheckRecord':
      return spotCheckRecordDocument(job.data);
    case 'spotCheckWorksheet':
      return spotCheckWorksheetDocument(job.data, job.streetCode);
    case 'spotCheckReport':
      return spotCheckReportDocument(job.data);
    case 'roster':
      return rosterDocument(job.data);
    case 'statisticsReport':
      return statisticsReportDocument(job.data);
    default:
      return missingCase(job, 'pdf template');
  }
}
