import { createContext } from 'react';
import type { RealtimeSession } from '../session/types.js';

export const RealtimeSessionContext = createContext<RealtimeSession | null>(null);
RealtimeSessionContext.displayName = 'RealtimeSessionContext';
