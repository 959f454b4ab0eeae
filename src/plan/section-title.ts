// Section titles compared the way people read them: `## 2. ⚠️ Risks and Mitigations` is the
// required section "Risks & Mitigations".

/** Lower case, without emoji, leading numbering or punctuation; `&` reads as "and". */
export function normaliseSectionTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/\p{Extended_Pictographic}/gu, ' ')
    .replace(/&/g, ' and ')
    .replace(/^[^\p{L}\p{N}]*(?:(?:\d+|[a-z]|[ivxlc]+)(?:\.\d+)*[.):]\s+|\d+(?:\.\d+)*\s+)/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
