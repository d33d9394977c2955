import { KioskError } from '../../../common/contract';
import type { PrintJob } from '../postcards/printQueue';
import type { Services } from '../services';
import type { Handlers } from './dispatcher';

type PostcardHandlerNames =
  | 'reservePostcard'
  | 'savePostcard'
  | 'printPostcard'
  | 'getPrintStatus'
  | 'getPrintQueue'
  | 'clearPrintQueue'
  | 'testPrint'
  | 'reprintPrintJob'
  | 'listPrinters'
  | 'getTakeawayStatus';

/** Decodes strict base64 (the schema checked the alphabet); a length that does not round-trip is refused. */
function decodeBase64(s: string): Buffer {
  const bytes = Buffer.from(s, 'base64');
  if (Math.ceil(bytes.length / 3) * 4 !== s.length)
    throw new KioskError({ code: 'BAD_REQUEST', message: 'imageBase64 is not valid base64 (wrong length or padding)' });
  return bytes;
}

/** Postcard handlers, merged into createHandlers. */
export function createPostcardHandlers(s: Services): Pick<Handlers, PostcardHandlerNames> {
  const p = s.postcards;
  /**
   * What a visitor's screen may see of a job: no file paths, no driver messages; and how many prints
   * its card has left, counted by the service under the current limit (the screen only shows it).
   */
  const publicJob = ({ id, kind, cardId, status, reason, createdAt, updatedAt }: PrintJob) => ({
    id,
    kind,
    status,
    reason,
    createdAt,
    updatedAt,
    printsLeft: cardId ? p.store.printsLeft(cardId, s.exhibitConfig.get('postcard').value.printLimit) : null,
  });
  /** What the operator sees of a job: the driver's message, the output file, and whether it can be reprinted. */
  const operatorJob = (j: PrintJob) => ({
    ...publicJob(j),
    message: j.message,
    output: j.output,
    reprintOf: j.reprintOf,
    reprintedBy: j.reprintedBy,
    reprintBlocked: p.queue.reprintBlock(j),
  });
  return {
    reservePostcard() {
      return p.reserve();
    },
    savePostcard({ imageBase64, mime, token }) {
      return p.save({ bytes: decodeBase64(imageBase64), mime, token });
    },
    printPostcard({ token }) {
      return publicJob(p.print(token));
    },
    getPrintStatus({ jobId }) {
      const job = p.queue.get(jobId);
      if (!job) throw new KioskError({ code: 'NOT_FOUND', message: 'no such print job (finished long ago, or cleared by the operator)' });
      return publicJob(job);
    },
    getPrintQueue() {
      const st = s.exhibitConfig.get('postcard').value;
      return {
        jobs: p.queue.list().map(operatorJob),
        printer: { kind: p.printerKind, name: st.printerName },
        printLimit: st.printLimit,
        hourly: p.hourlyUsage(),
      };
    },
    clearPrintQueue() {
      return p.queue.clear();
    },
    testPrint() {
      return publicJob(p.queue.enqueueTest());
    },
    reprintPrintJob({ jobId }) {
      return operatorJob(p.queue.reprint(jobId));
    },
    listPrinters() {
      return p.listPrinters();
    },
    getTakeawayStatus() {
      return p.takeawayStatus();
    },
  };
}
