/** A tiny typed event emitter. A throwing listener does not stop the others. */
export interface Emitter<Events> {
  on: <K extends keyof Events>(type: K, listener: (payload: Events[K]) => void) => () => void;
  emit: <K extends keyof Events>(type: K, payload: Events[K]) => void;
  clear: () => void;
}

export function createEmitter<Events>(onListenerError?: (error: unknown) => void): Emitter<Events> {
  type Listener = (payload: Events[keyof Events]) => void;
  const listeners = new Map<keyof Events, Set<Listener>>();
  return {
    on(type, listener) {
      let set = listeners.get(type);
      if (!set) listeners.set(type, (set = new Set()));
      const entry = listener as Listener;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    emit(type, payload) {
      const set = listeners.get(type);
      if (!set) return;
      for (const listener of set) {
        try {
          listener(payload);
        } catch (error) {
          if (onListenerError) onListenerError(error);
          else
            queueMicrotask(() => {
              throw error;
            });
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
