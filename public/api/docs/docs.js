// Renders /api/openapi.json as a readable list of operations, their parameters and request bodies.
// No framework, no CDN; text only through textContent.
(() => {
  const root = document.getElementById('reference');
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  };
  const typeOf = (s) => {
    if (!s || typeof s !== 'object') return 'any';
    if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
    if (s.anyOf) return s.anyOf.map(typeOf).join(' | ');
    if (Array.isArray(s.type)) return s.type.join(' | ');
    return s.type || 'any';
  };
  const render = (doc) => {
    root.textContent = '';
    const groups = new Map();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const tag = (op.tags && op.tags[0]) || 'other';
        if (!groups.has(tag)) groups.set(tag, []);
        groups.get(tag).push({ path, method, op });
      }
    }
    for (const [tag, ops] of groups) {
      root.append(el('h2', {}, tag));
      for (const { path, method, op } of ops) {
        const section = el(
          'section',
          { class: 'op', id: op.operationId },
          el('div', { class: 'sig' }, el('span', { class: `method ${method}` }, method.toUpperCase()), path),
          el('p', {}, op.summary || ''),
        );
        const scope = op.security && op.security.length === 0 ? 'public, no token' : op['x-scope'] ? `scope: ${op['x-scope']}` : 'any valid token';
        section.append(el('div', { class: 'scope' }, scope));
        if (op.parameters && op.parameters.length) {
          const table = el('table', {}, el('tr', {}, el('th', {}, 'parameter'), el('th', {}, 'in'), el('th', {}, 'type'), el('th', {}, 'required')));
          for (const p of op.parameters) {
            table.append(el('tr', {}, el('td', {}, el('code', {}, p.name)), el('td', {}, p.in), el('td', {}, typeOf(p.schema)), el('td', {}, p.required ? 'yes' : 'no')));
          }
          section.append(table);
        }
        const body = op.requestBody && op.requestBody.content['application/json'];
        if (body) {
          const schema = body.schema;
          const fields = schema.properties ? Object.entries(schema.properties) : [];
          if (fields.length) {
            const required = new Set(schema.required || []);
            const table = el('table', {}, el('tr', {}, el('th', {}, 'body field'), el('th', {}, 'type'), el('th', {}, 'required')));
            for (const [name, s] of fields) {
              table.append(el('tr', {}, el('td', {}, el('code', {}, name)), el('td', {}, typeOf(s)), el('td', {}, required.has(name) ? 'yes' : 'no')));
            }
            section.append(table);
          }
          section.append(el('details', {}, el('summary', {}, 'Request body JSON Schema'), el('pre', {}, JSON.stringify(schema, null, 2))));
        }
        root.append(section);
      }
    }
  };
  fetch('/api/openapi.json')
    .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))))
    .then(render)
    .catch((err) => {
      root.textContent = `Could not load /api/openapi.json (${err.message}); run npm run build.`;
    });
})();
