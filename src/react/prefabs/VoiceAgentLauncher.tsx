'use client';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { VoiceAgentLabels } from '../labels.js';
import { Hidden, Icon } from './icons.js';

export interface VoiceAgentLauncherProps {
  labels: VoiceAgentLabels;
  defaultOpen: boolean;
  /** A call is up or coming up: the button says so while the panel is closed. */
  onCall: boolean;
  children: ReactNode;
}

/**
 * `layout="launcher"`: a floating button that opens the card as a non-modal dialog. Focus moves to the talk
 * button on open and back to the launcher on close; Escape closes; the call goes on while it is closed.
 * Fetched only by pages that use this layout.
 */
export function VoiceAgentLauncher({ labels, defaultOpen, onCall, children }: VoiceAgentLauncherProps): ReactNode {
  const [open, setOpenState] = useState(defaultOpen);
  const panel = useRef<HTMLDivElement | null>(null);
  const button = useRef<HTMLButtonElement | null>(null);
  const moveFocus = useRef(false);
  const id = useId();
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    if (open) panel.current?.querySelector<HTMLElement>('[data-talkwire="talk-button"]')?.focus();
    else button.current?.focus();
  }, [open]);
  const setOpen = (next: boolean) => {
    moveFocus.current = true;
    setOpenState(next);
  };
  return (
    <div
      data-talkwire="launcher"
      data-state={open ? 'open' : 'closed'}
      onKeyDown={(event) => {
        if (!open || event.key !== 'Escape') return;
        event.stopPropagation();
        setOpen(false);
      }}
    >
      <div id={id} ref={panel} role="dialog" aria-label={labels.title} data-talkwire="voice-agent-panel" hidden={!open}>
        <div data-talkwire="voice-agent-top">
          <p data-talkwire="voice-agent-title">{labels.title}</p>
          <button type="button" data-talkwire="close-button" onClick={() => setOpen(false)}>
            <Icon name="close" />
            <Hidden>{labels.close}</Hidden>
          </button>
        </div>
        {children}
      </div>
      <button
        type="button"
        ref={button}
        data-talkwire="launcher-button"
        data-state={onCall ? 'on-call' : 'idle'}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <Icon name="mic" />
        <Hidden>{labels.open}</Hidden>
        {onCall ? <span data-talkwire="launcher-badge">{labels.onCall}</span> : null}
      </button>
    </div>
  );
}
