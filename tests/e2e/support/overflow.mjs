// Text that does not fit its box, measured in the page: an element with text (or one that clips
// what it holds) whose content is wider than its box (scrollWidth > clientWidth), a <select>
// whose chosen option is wider than the select, an empty <input> whose placeholder is cut.
// Scroll containers (overflow auto/scroll) are meant to scroll and are skipped; so are inline
// elements (they have no box width of their own).

/** Runs in the page: [{ what, text, need, have }] for every overflowing element. */
function findOverflow(rootSelector) {
  const canvas = document.createElement('canvas').getContext('2d');
  const textWidth = (text, style) => {
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return canvas.measureText(text).width;
  };
  const describe = (el) =>
    [el.tagName.toLowerCase(), el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '', el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : '']
      .join('');
  const out = [];
  const root = document.querySelector(rootSelector) ?? document.body;
  for (const el of root.querySelectorAll('*')) {
    if (el.closest('canvas, svg, [data-testid$="-chart"], [data-testid^="compare-sankey"], [data-testid^="compare-headcount"]')) continue;
    const rects = el.getClientRects();
    if (rects.length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'inline' || style.display === 'contents') continue;
    const inner = (el.clientWidth || 0) - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (el.tagName === 'SELECT') {
      const chosen = el.selectedOptions[0]?.textContent ?? '';
      // The arrow takes about 20 px of a select's box.
      const need = textWidth(chosen, style);
      if (need > inner - 16) out.push({ what: describe(el), text: chosen, need: Math.ceil(need), have: Math.floor(inner - 16) });
      continue;
    }
    if (el.tagName === 'INPUT') {
      if (!el.placeholder || el.value) continue;
      const need = textWidth(el.placeholder, style);
      if (need > inner + 1) out.push({ what: describe(el), text: el.placeholder, need: Math.ceil(need), have: Math.floor(inner) });
      continue;
    }
    if (/(auto|scroll)/.test(style.overflowX) || /(auto|scroll)/.test(style.overflowY)) continue;
    // A box with text of its own, a labelled control, or one that clips what it holds.
    const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const clips = /(hidden|clip)/.test(style.overflowX);
    if (!hasText && !clips && !el.matches('button, label, th, td, li, h1, h2, h3, h4, p')) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      out.push({ what: describe(el), text: el.textContent.trim().slice(0, 60), need: el.scrollWidth, have: el.clientWidth });
    }
  }
  return out;
}

/** Every overflowing element under `rootSelector` (the whole page by default). */
export function overflowing(page, rootSelector = 'body') {
  return page.evaluate(findOverflow, rootSelector);
}
