'use client';
import type { ReactNode } from 'react';
import type { VoiceAgentLabels } from '../labels.js';
import { DeviceSelect } from '../primitives/DeviceSelect.js';
import { ImageAttachButton } from '../primitives/ImageAttachButton.js';
import { McpApprovalPrompt } from '../primitives/McpApprovalPrompt.js';
import { TextInput } from '../primitives/TextInput.js';
import { ToolCallList } from '../primitives/ToolCallList.js';
import { CallQualityHint } from './CallQualityHint.js';
import { CallStats } from './CallStats.js';
import type { VoiceAgentViewProps } from './VoiceAgentBody.js';

// Parts a page does not need before a call (tools, text input, device picker, call stats and the weak-connection
// hint), fetched the first time one is wanted so they cost nothing up front.

export interface ConversationExtrasProps {
  labels: VoiceAgentLabels;
  tools: boolean;
  /** The widget's props, read here so the widget's own code does not grow with each option. */
  view: VoiceAgentViewProps;
  /** A call is up: the connection is watched for the weak-connection hint. */
  onCall: boolean;
}

export function ConversationExtras({ labels, tools, view, onCall }: ConversationExtrasProps): ReactNode {
  return (
    <>
      {view.showStats === true ? <CallStats /> : onCall ? <CallQualityHint label={labels.weakConnection} /> : null}
      {tools ? (
        <>
          <ToolCallList />
          <McpApprovalPrompt />
        </>
      ) : null}
      {view.textInput === true ? <TextInput /> : null}
      {view.allowImages === true ? (
        <ImageAttachButton {...(labels.attachImage === undefined ? {} : { label: labels.attachImage })} />
      ) : null}
      {view.showDeviceSelect === true ? (
        <DeviceSelect label={labels.microphone} defaultLabel={labels.defaultMicrophone} />
      ) : null}
    </>
  );
}
