'use client';
import type { ReactNode } from 'react';
import type { VoiceAgentLabels } from '../labels.js';
import { DeviceSelect } from '../primitives/DeviceSelect.js';
import { ImageAttachButton } from '../primitives/ImageAttachButton.js';
import { McpApprovalPrompt } from '../primitives/McpApprovalPrompt.js';
import { TextInput } from '../primitives/TextInput.js';
import { ToolCallList } from '../primitives/ToolCallList.js';

// Parts a plain voice call never shows, fetched the first time one is wanted so they cost nothing up front.

export interface ConversationExtrasProps {
  labels: VoiceAgentLabels;
  tools: boolean;
  textInput: boolean;
  deviceSelect: boolean;
  images: boolean;
}

export function ConversationExtras({
  labels,
  tools,
  textInput,
  deviceSelect,
  images,
}: ConversationExtrasProps): ReactNode {
  return (
    <>
      {tools ? (
        <>
          <ToolCallList />
          <McpApprovalPrompt />
        </>
      ) : null}
      {textInput ? <TextInput /> : null}
      {images ? (
        <ImageAttachButton {...(labels.attachImage === undefined ? {} : { label: labels.attachImage })} />
      ) : null}
      {deviceSelect ? <DeviceSelect label={labels.microphone} defaultLabel={labels.defaultMicrophone} /> : null}
    </>
  );
}
