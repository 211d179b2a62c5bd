/** The `error` object OpenAI returns, both in HTTP bodies and inside `error` server events. */
export interface OpenAiErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

export function openAiError(
  message: string,
  code: string | null = null,
  param: string | null = null,
  type = 'invalid_request_error',
): OpenAiErrorBody {
  return { message, type, param, code };
}
