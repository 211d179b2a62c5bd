import type { ReactNode } from 'react';

// Stroke icons on a 24-unit grid, drawn in the button's text colour. Decorative: every button has a text name.
const mic = 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3ZM19 11a7 7 0 0 1-14 0M12 18v3';
const paths = {
  mic,
  micOff: `${mic}M4 4l16 16`,
  stop: 'M6.5 6.5h11v11h-11z',
  close: 'M6 6l12 12M18 6 6 18',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }): ReactNode {
  return (
    <svg
      data-talkwire="icon"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}

/** Text for assistive technology only (the button shows an icon). */
export function Hidden({ children }: { children: ReactNode }): ReactNode {
  return <span data-talkwire="visually-hidden">{children}</span>;
}
