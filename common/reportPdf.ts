import { z } from 'zod';
import { LanguageSchema } from './settings';

/** What exportReportPdf answers: where the report went, and in which language it could be written. */
export const ExportReportPdfResponseSchema = z.object({
  path: z.string(),
  bytes: z.number().int(),
  /** zh-CN when a CJK font was found on the machine to embed, else en. */
  language: LanguageSchema,
});
