import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../../common/postcardSettings';
import { openDatabase, type Db } from '../../../../../node/kiosk/db/openDatabase';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createCardStore, type CardStore } from '../../../../../node/kiosk/postcards/cardStore';
import { cardPdf, createPdfPrinter } from '../../../../../node/kiosk/postcards/pdfPrinter';
import { alignmentCardPng } from '../../../../../node/kiosk/postcards/alignmentCard';
import { makeJpeg, makePng } from '../../../../fixtures/postcards/cardImages';
import { makeTempDir } from '../../../../fixtures/tempDir';

/** The page's MediaBox and the image XObjects it uses, read back with pdf-lib. */
async function inspectPdf(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  expect(doc.getPageCount()).toBe(1);
  const page = doc.getPage(0);
  const box = page.getMediaBox();
  const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
  const images = (xobjects?.entries() ?? []).map(([, ref]) => {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) throw new Error('an XObject that is not a stream');
    const num = (k: string) => (stream.dict.lookup(PDFName.of(k), PDFNumber) as PDFNumber).asNumber();
    return {
      subtype: String(stream.dict.get(PDFName.of('Subtype'))),
      filter: String(stream.dict.get(PDFName.of('Filter'))),
      width: num('Width'),
      height: num('Height'),
      contents: Buffer.from(stream.contents),
    };
  });
  return { box, images };
}

// A card as the composition worker makes it: 148 x 100 mm at 300 dpi.
const card = makeJpeg(1748, 1181, 85);

describe('PDF printer', () => {
  it('makes a 148 x 100 mm page (419.53 x 283.46 pt) embedding the card JPEG as is, at 300 dpi', async () => {
    const out = await cardPdf(card, 'image/jpeg', POSTCARD_SETTINGS_DEFAULT.pageSize);
    const { box, images } = await inspectPdf(out.pdf);
    expect(box.x).toBe(0);
    expect(box.y).toBe(0);
    expect(box.width).toBeCloseTo(419.53, 2);
    expect(box.height).toBeCloseTo(283.46, 2);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ subtype: '/Image', filter: '/DCTDecode', width: 1748, height: 1181 });
    expect(images[0]?.contents.equals(card)).toBe(true);
    expect(out.dpi).toBeGreaterThan(299.5);
    expect(out.dpi).toBeLessThan(300.5);
  });

  it('turns the page for a portrait card and embeds a PNG losslessly', async () => {
    const png = makePng(400, 592);
    const out = await cardPdf(png, 'image/png', { widthMm: 148, heightMm: 100 });
    const { box, images } = await inspectPdf(out.pdf);
    expect(box.width).toBeCloseTo(283.46, 2);
    expect(box.height).toBeCloseTo(419.53, 2);
    expect(images[0]).toMatchObject({ subtype: '/Image', filter: '/FlateDecode', width: 400, height: 592 });
  });

  describe('as a printer', () => {
    let db: Db;
    let store: CardStore;
    let cleanup: () => void;
    let clock = 1_000_000;
    beforeAll(() => {
      const t = makeTempDir();
      cleanup = t.cleanup;
      const log = createMemoryLogger();
      db = openDatabase(join(t.dir, 'kiosk.db'), { log });
      store = createCardStore({ db, dir: join(t.dir, 'postcards'), log, now: () => clock, expiryMs: () => 60_000 });
    });
    afterAll(() => {
      db.close();
      cleanup();
    });

    it('writes the PDF to postcards/print/, deleted with its card at expiry', async () => {
      const saved = store.save({ bytes: card, mime: 'image/jpeg' });
      const printer = createPdfPrinter(store);
      const { output } = await printer.print({
        jobId: 'j1',
        image: card,
        mime: 'image/jpeg',
        width: 1748,
        height: 1181,
        pageSize: POSTCARD_SETTINGS_DEFAULT.pageSize,
        printerName: '',
        outputName: `${saved.id}-j1.pdf`,
      });
      expect(output).toBe(join(store.printDir, `${saved.id}-j1.pdf`));
      expect(
        readFileSync(output as string)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      clock += 60_000;
      store.sweep();
      expect(existsSync(output as string)).toBe(false);
    });

    it('prints the operator test card at the page size and 300 dpi', async () => {
      const t = alignmentCardPng(POSTCARD_SETTINGS_DEFAULT.pageSize);
      expect([t.width, t.height]).toEqual([1748, 1181]);
      const { output } = await createPdfPrinter(store).print({
        jobId: 'j2',
        ...t,
        pageSize: POSTCARD_SETTINGS_DEFAULT.pageSize,
        printerName: '',
        outputName: `test-${clock}-j2.pdf`,
      });
      const { box, images } = await inspectPdf(readFileSync(output as string));
      expect(box.width).toBeCloseTo(419.53, 2);
      expect(images[0]).toMatchObject({ width: 1748, height: 1181 });
    });
  });
});
