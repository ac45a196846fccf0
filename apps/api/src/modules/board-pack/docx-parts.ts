/**
 * The fixed parts of the pack's Word file (Office Open XML, ECMA-376): content types, relationships,
 * styles (Title and Heading 1-3 with outline levels, so that Word's navigation pane and "paste with
 * styles" keep the headings), settings, the running header and the footer with page numbers. The body
 * (word/document.xml) is written by board-pack.docx.ts.
 */

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** Text for XML content and attributes; characters XML 1.0 does not allow are dropped. */
export function esc(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- these are exactly the characters XML forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

export const FONT = 'Arial';

export const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>`;

export const ROOT_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>`;

export const DOCUMENT_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>`;

export const APP = `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Throughline</Application></Properties>`;

export function core(title: string, description: string): string {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return (
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${esc(title)}</dc:title><dc:creator>Throughline</dc:creator>` +
    `<dc:description>${esc(description)}</dc:description>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`
  );
}

const heading = (id: string, name: string, size: number, level: number | null, color = '2E74B5') =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/>` +
  `<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/>` +
  `${level === null ? '' : `<w:outlineLvl w:val="${level}"/>`}</w:pPr>` +
  `<w:rPr><w:b/><w:color w:val="${color}"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`;

export const STYLES =
  `${XML}<w:styles ${W_NS}>` +
  `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:eastAsia="${FONT}" w:cs="${FONT}"/>` +
  '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>' +
  '<w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  heading('Title', 'Title', 56, null, '0B0C0C') +
  heading('Heading1', 'heading 1', 32, 0) +
  heading('Heading2', 'heading 2', 26, 1) +
  heading('Heading3', 'heading 3', 24, 2) +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>' +
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>' +
  '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>' +
  '</w:tblCellMar></w:tblPr></w:style>' +
  '</w:styles>';

export const SETTINGS = `${XML}<w:settings ${W_NS}><w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`;

/** A run of text in `props` (run properties). */
export const run = (text: string, props = '') =>
  `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;

const field = (code: string, size: number) =>
  `<w:r><w:rPr><w:sz w:val="${size}"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>` +
  `<w:r><w:rPr><w:sz w:val="${size}"/></w:rPr><w:instrText xml:space="preserve"> ${code} </w:instrText></w:r>` +
  `<w:r><w:rPr><w:sz w:val="${size}"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>` +
  `<w:r><w:rPr><w:sz w:val="${size}"/></w:rPr><w:t>1</w:t></w:r>` +
  `<w:r><w:rPr><w:sz w:val="${size}"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>`;

/** The running header: what the pack is, then its marking. */
export const header = (runningHeader: string, marking: string) =>
  `${XML}<w:hdr ${W_NS}><w:p>${run(`${runningHeader}    `, '<w:sz w:val="16"/>')}${run(marking, '<w:b/>')}</w:p></w:hdr>`;

/** The footer: "Page n of m" and the marking, centred. */
export const footer = (marking: string) =>
  `${XML}<w:ftr ${W_NS}><w:p><w:pPr><w:jc w:val="center"/></w:pPr>${run('Page ', '<w:sz w:val="16"/>')}` +
  `${field('PAGE', 16)}${run(' of ', '<w:sz w:val="16"/>')}${field('NUMPAGES', 16)}` +
  `${run(`    ${marking}`, '<w:b/><w:sz w:val="16"/>')}</w:p></w:ftr>`;
