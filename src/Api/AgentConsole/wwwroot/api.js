// The public HTTP API, called with the member key. Errors are RFC 9457 problems, kept whole on ApiError.

export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.headers = headers;
  }

  /** Seconds from the Retry-After header (a 429 finish), or null. */
  get retryAfter() {
    const seconds = Number.parseInt(this.headers?.get('Retry-After') ?? '', 10);
    return Number.isFinite(seconds) ? seconds : null;
  }
}

/** The API's root: the console lives at {root}/console/, so "../" works behind a path base too. */
export const apiRoot = new URL('../', document.baseURI);

export function createApi(key, { onUnauthorized } = {}) {
  async function request(method, path, body) {
    const headers = { Authorization: `Bearer ${key}`, Accept: 'application/json' };
    const init = { method, headers, cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }

    let response;
    try {
      response = await fetch(new URL(path, apiRoot), init);
    } catch {
      throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached.' });
    }

    const data = await readBody(response);
    if (!response.ok) {
      const problem = data && typeof data === 'object'
        ? data
        : { title: response.statusText || `HTTP ${response.status}`, detail: typeof data === 'string' && data ? data : undefined };
      const error = new ApiError(response.status, problem, response.headers);
      if (response.status === 401) {
        onUnauthorized?.(error);
      }
      throw error;
    }
    return data;
  }

  return {
    key,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    del: (path) => request('DELETE', path),
  };
}

async function readBody(response) {
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') ?? '';
  try {
    return type.includes('json') ? await response.json() : await response.text();
  } catch {
    return null;
  }
}

/** Encodes one path segment (ids come from users). */
export const seg = (value) => encodeURIComponent(value);
