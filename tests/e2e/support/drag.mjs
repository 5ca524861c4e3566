// A mouse drag between two elements that may not be on screen together (the board scrolls as
// a whole): the drag starts on the source first, then the target is scrolled into view and the
// mouse follows. (page.dragAndDrop scrolls to the target before the drag has started, so the
// browser starts it on whatever card then lies under the pressed button.)
export async function dragTo(page, source, target) {
  const src = page.locator(source);
  await src.scrollIntoViewIfNeeded();
  const s = await src.boundingBox();
  await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
  await page.mouse.down();
  await page.mouse.move(s.x + s.width / 2 + 6, s.y + s.height / 2 + 6, { steps: 3 });
  const dst = page.locator(target);
  await dst.scrollIntoViewIfNeeded();
  const t = await dst.boundingBox();
  await page.mouse.move(t.x + t.width / 2, t.y + Math.min(t.height / 2, 24), { steps: 6 });
  await page.mouse.up();
}
