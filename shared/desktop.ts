// Arguments and results of the desktop channels (see desktop-channels.ts), checked by main.
import { z } from 'zod';
import { desktopFolders, type DesktopChannelName } from './desktop-channels';
import type { ApiResult } from './result';

/** A file the app wrote into its export folder; main refuses any other path. */
const ExportedFile = z.object({ file: z.string().min(1).max(4096) }).strict();

export const desktopContract = {
  'desktop.openFile': { args: ExportedFile, result: z.object({}).strict() },
  /** Copies the file to where the person chooses; null when the dialog was cancelled. */
  'desktop.saveFileAs': { args: ExportedFile, result: z.object({ savedTo: z.string().nullable() }).strict() },
  /** Opens the PDF in a print preview window, whose print button sends it to a printer. */
  'desktop.printFile': { args: ExportedFile, result: z.object({}).strict() },
  'desktop.showFolder': { args: z.object({ folder: z.enum(desktopFolders) }).strict(), result: z.object({}).strict() },
} as const satisfies Record<DesktopChannelName, { args: z.ZodType; result: z.ZodType }>;

export type DesktopArgs<K extends DesktopChannelName> = z.input<(typeof desktopContract)[K]['args']>;
export type DesktopResult<K extends DesktopChannelName> = z.output<(typeof desktopContract)[K]['result']>;
export type RendererDesktop = { [K in DesktopChannelName]: (args: DesktopArgs<K>) => Promise<ApiResult<DesktopResult<K>>> };
