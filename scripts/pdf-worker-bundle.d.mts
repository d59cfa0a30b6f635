export declare const pdfWorkerExternal: string[];
