/**
 * Keeps a call's server-side tools out of the page. OpenAI sends every connection of a call the same events
 * (realtime-protocol-addendum section 2), so when the app's server runs tools on the call's sideband, the page's
 * data channel also carries their definitions (`session.created` / `session.updated`), the model's calls to them
 * and their outputs. This screen runs before the store, the features and `server_event`: the page's state, events,
 * event log and UI never hold them. (The bytes still cross the browser's data channel; see docs/SERVER.md.)
 *
 * Loaded with `import()` only for calls the app's server created (`callUrl`); a default call never loads it.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** Server event types that carry one conversation item as `item`. */
const ITEM_EVENTS = new Set([
  'conversation.item.added',
  'conversation.item.done',
  'conversation.item.created',
  'conversation.item.retrieved',
  'response.output_item.added',
  'response.output_item.done',
]);

export interface ServerToolScreen {
  /** The event as the page may see it: unchanged, with foreign tools taken out, or `null` (dropped). */
  (event: unknown): unknown;
  /** True once a server tool's call was seen: from then on, items placed after it are screened too. */
  watching(): boolean;
}

/**
 * `ownTools()` names the page's own function tools (read on every event: tools can be added at run time);
 * `configured` is the page's own `session.tools`: its MCP servers stay in session events (by `server_label`).
 */
export function createServerToolScreen(
  ownTools: () => { has(name: string): boolean },
  configured: readonly unknown[] = [],
): ServerToolScreen {
  const ownServerLabels = new Set(
    configured.flatMap((tool) => (isObject(tool) && typeof tool.server_label === 'string' ? [tool.server_label] : [])),
  );
  // Per call: the items and call ids of server-side tool calls seen so far.
  const foreignItems = new Set<string>();
  const foreignCalls = new Set<string>();
  /** A dropped item's own predecessor, so an item placed after it is placed where it would have been. */
  const placedAfter = new Map<string, string | null>();
  const predecessor = (id: string | null): string | null => {
    let current = id;
    for (let hops = 0; current !== null && placedAfter.has(current) && hops < 1_000; hops++)
      current = placedAfter.get(current) ?? null;
    return current;
  };

  const isOwnTool = (tool: unknown): boolean => {
    if (!isObject(tool)) return false;
    if (tool.type === 'function' || tool.type === undefined)
      return typeof tool.name === 'string' && ownTools().has(tool.name);
    return typeof tool.server_label === 'string' && ownServerLabels.has(tool.server_label);
  };

  /** A function call or output that belongs to a tool the page does not have. Remembers it. */
  const isForeignItem = (item: unknown): boolean => {
    if (!isObject(item)) return false;
    const id = typeof item.id === 'string' ? item.id : null;
    if (id !== null && foreignItems.has(id)) return true;
    const callId = typeof item.call_id === 'string' ? item.call_id : null;
    let foreign = false;
    if (item.type === 'function_call') foreign = typeof item.name !== 'string' || !ownTools().has(item.name);
    else if (item.type === 'function_call_output') foreign = callId !== null && foreignCalls.has(callId);
    if (!foreign) return false;
    if (id !== null) foreignItems.add(id);
    if (callId !== null) foreignCalls.add(callId);
    return true;
  };

  const withOwnTools = (session: unknown): unknown => {
    if (!isObject(session) || !Array.isArray(session.tools)) return session;
    const tools = session.tools as unknown[];
    if (tools.every(isOwnTool)) return session;
    return { ...session, tools: tools.filter(isOwnTool) };
  };

  const afterOwnItem = (event: Json): Json => {
    const previous = event.previous_item_id;
    if (typeof previous !== 'string' || !foreignItems.has(previous)) return event;
    return { ...event, previous_item_id: predecessor(previous) };
  };

  const screen = (event: unknown): unknown => {
    if (!isObject(event) || typeof event.type !== 'string') return event;
    const type = event.type;
    if (type === 'session.created' || type === 'session.updated') {
      const session = withOwnTools(event.session);
      return session === event.session ? event : { ...event, session };
    }
    if (ITEM_EVENTS.has(type)) {
      if (isForeignItem(event.item)) {
        const id = (event.item as Json).id;
        const previous = event.previous_item_id;
        if (typeof id === 'string' && (typeof previous === 'string' || previous === null))
          placedAfter.set(id, predecessor(previous));
        return null;
      }
      return afterOwnItem(event);
    }
    if (type === 'input_audio_buffer.committed') return afterOwnItem(event);
    if (type === 'response.function_call_arguments.delta' || type === 'response.function_call_arguments.done') {
      const itemId = typeof event.item_id === 'string' ? event.item_id : '';
      const callId = typeof event.call_id === 'string' ? event.call_id : '';
      if (foreignItems.has(itemId) || foreignCalls.has(callId)) return null;
      // `.done` names the tool: a call whose `output_item.added` never came is still recognised.
      if (
        type === 'response.function_call_arguments.done' &&
        typeof event.name === 'string' &&
        !ownTools().has(event.name)
      ) {
        if (itemId) foreignItems.add(itemId);
        if (callId) foreignCalls.add(callId);
        return null;
      }
      return event;
    }
    if (type === 'response.created' || type === 'response.done') {
      const response = event.response;
      if (!isObject(response) || !Array.isArray(response.output)) return event;
      const output = response.output as unknown[];
      const kept = output.filter((item) => !isForeignItem(item));
      return kept.length === output.length ? event : { ...event, response: { ...response, output: kept } };
    }
    if (type === 'conversation.item.deleted' || type === 'conversation.item.truncated') {
      return typeof event.item_id === 'string' && foreignItems.has(event.item_id) ? null : event;
    }
    return event;
  };
  return Object.assign(screen, { watching: () => foreignItems.size > 0 });
}
