import axe from 'axe-core';

/** Runs axe on a rendered container and returns the violations as readable strings. */
export async function axeViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, {
    // jsdom has no layout or colours: contrast is checked in real Chromium by the e2e suite.
    rules: { 'color-contrast': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
