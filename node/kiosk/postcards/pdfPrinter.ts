import { PDFDocument } from 'pdf-lib';
import { mmToPt, type PageSize } from '../../../common/postcardSettings';
import type { CardMime } from './cardImage';
import { writePrintFile, type CardStore } from './cardStore';
import { PrintError, type Printer } from './printQueue';

export interface CardPdf {
  pdf: Uint8Array;
  /** The page in points (1/72 in), as written to the MediaBox. */
  widthPt: number;
  heightPt: number;
  /** Image pixels per inch on paper (300 for a 1748 x 1181 card on 148 x 100 mm). */
  dpi: number;
}

/**
 * One page of `pageSize`, turned to the image's orientation, with the card image filling it
 * (centred, cropped evenly if the aspect ratios differ). pdf-lib embeds JPEG data as is (DCTDecode)
 * and PNG re-compressed losslessly, so the print keeps the card's full resolution
 * (https://pdf-lib.js.org/docs/api/classes/pdfdocument#embedjpg).
 */
export async function cardPdf(image: Uint8Array, mime: CardMime, pageSize: PageSize, at: Date = new Date()): Promise<CardPdf> {
  const doc = await PDFDocument.create();
  doc.setTitle('Riverside postcard · 留影滨江');
  doc.setCreator('Riverside Station Kiosk');
  doc.setProducer('Riverside Station Kiosk (pdf-lib)');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const img = mime === 'image/png' ? await doc.embedPng(image) : await doc.embedJpg(image);
  const long = mmToPt(Math.max(pageSize.widthMm, pageSize.heightMm));
  const short = mmToPt(Math.min(pageSize.widthMm, pageSize.heightMm));
  const landscape = img.width >= img.height;
  const widthPt = landscape ? long : short;
  const heightPt = landscape ? short : long;
  const page = doc.addPage([widthPt, heightPt]);
  const scale = Math.max(widthPt / img.width, heightPt / img.height);
  const w = img.width * scale;
  const h = img.height * scale;
  page.drawImage(img, { x: (widthPt - w) / 2, y: (heightPt - h) / 2, width: w, height: h });
  const pdf = await doc.save();
  return { pdf, widthPt, heightPt, dpi: img.width / (w / 72) };
}

/**
 * The web host's printer: Chromium's print-to-PDF is not available to the services at run time
 * (no Playwright there), so the page is built directly as a PDF of the configured size and written
 * to `<dataDir>/postcards/print/`, deleted with its card at expiry.
 */
export function createPdfPrinter(store: CardStore, now: () => number = Date.now): Printer {
  return {
    kind: 'pdf',
    async print(req) {
      let out: CardPdf;
      try {
        out = await cardPdf(req.image, req.mime, req.pageSize, new Date(now()));
      } catch (err) {
        throw new PrintError('other', `the card could not be turned into a PDF: ${(err as Error).message}`);
      }
      return { output: writePrintFile(store, req.outputName, out.pdf) };
    },
  };
}
