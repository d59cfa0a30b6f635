import type { HandlerMap } from '../handlers/registry';
import { AppError } from '../../../shared/result';
import { MAX_IMPORT_BYTES } from '../spreadsheet/workbook-read';
import { checkImport, checkedFile, importChecked } from './import-service';
import { savedMappings } from './mappings';
import { writeRefusals } from './refusals-file';

function bytesOf(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) throw new AppError('validation', '文件超过 20 MB，请分成几个文件导入');
  return bytes;
}

export const importHandlers: HandlerMap<'imports.check' | 'imports.run' | 'imports.refusals' | 'imports.mappings'> = {
  'imports.check': async (args, ctx, caller) => checkImport(ctx, caller.signedIn(), { fileName: args.fileName, bytes: bytesOf(args.contentBase64), mapping: args.mapping }),
  'imports.run': async (args, ctx, caller) => importChecked(ctx, caller.signedIn(), args.token),
  'imports.refusals': async (args, ctx, caller) => writeRefusals(ctx, caller.signedIn(), checkedFile(ctx, caller.signedIn(), args.token).report),
  'imports.mappings': async (_args, ctx, caller) => {
    caller.signedIn();
    return savedMappings(ctx.db);
  },
};
