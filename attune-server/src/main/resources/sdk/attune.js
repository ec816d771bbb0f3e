/*! attune.js {{version}} | the Attune web tag | docs/web.md */
(() => {
  'use strict';
  const VERSION = '{{version}}';
  const w = window;
  const d = document;
  if (w.attune && w.attune.version) {
    return; // loaded twice: the first one serves
  }
  const stub = w.attune;
  const script = d.currentScript || d.querySelector('script[src*="/sdk/attune"]');
  const data = (script && script.dataset) || {};
  const PREFIX = 'attune:';
  const BEACON_BYTES = 60000; // under the 64 KiB browsers allow keepalive requests and beacons in flight
  const MAX_QUEUE = 1000;

  const settings = {
    server: data.server || (script && script.src ? new URL(script.src, location.href).origin : location.origin),
    key: data.key || '',
    catalog: data.catalog || '',
    consent: data.consent || 'in',
    timeout: Number(data.timeout) || 800,
    debug: data.debug !== undefined && data.debug !== 'false',
    pageView: data.pageView !== 'false',
    flushMillis: 1000,
    clickWindowHours: 24,
    context: {},
  };

  const log = (...args) => {
    if (settings.debug) {
      console.info('[attune]', ...args);
    }
  };

  // ---- storage: localStorage and one first-party cookie, never failing the page
  const stored = (name) => {
    try {
      return JSON.parse(localStorage.getItem(PREFIX + name));
    } catch (e) {
      return null;
    }
  };
  const store = (name, value) => {
    try {
      if (value === null || value === undefined) {
        localStorage.removeItem(PREFIX + name);
      } else {
        localStorage.setItem(PREFIX + name, JSON.stringify(value));
      }
    } catch (e) {
      // private mode or full: the tag goes on in memory
    }
  };
  const COOKIE = 'attune_aid';
  const cookie = () => {
    const found = d.cookie.split('; ').find((c) => c.startsWith(COOKIE + '='));
    return found ? decodeURIComponent(found.slice(COOKIE.length + 1)) : null;
  };
  const setCookie = (value, maxAge) => {
    try {
      d.cookie = COOKIE + '=' + encodeURIComponent(value) + '; path=/; max-age=' + maxAge + '; SameSite=Lax'
        + (location.protocol === 'https:' ? '; Secure' : '');
    } catch (e) {
      // cookies off: localStorage keeps the id
    }
  };
  const uuid = () => {
    if (w.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    const b = new Uint8Array(16);
    (w.crypto || w.msCrypto).getRandomValues(b);
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  };

  // ---- who: consent, the anonymous id, the user id
  let consent = 'in';
  let anonymousId = null;
  let userId = null;
  let queue = [];
  let clicks = {};

  const persist = () => {
    if (consent === 'in') {
      store('queue', queue);
      store('clicks', clicks);
    }
  };

  const applyConsent = (value, remember) => {
    if (!['pending', 'in', 'out'].includes(value)) {
      log('consent is "pending", "in" or "out", not', value);
      return;
    }
    consent = value;
    if (remember && value !== 'pending') {
      store('consent', value);
    }
    if (value === 'out') {
      // nothing sent, no id kept: what was held goes
      queue = [];
      clicks = {};
      anonymousId = null;
      userId = null;
      setCookie('', 0);
      ['queue', 'clicks', 'uid', 'aid'].forEach((name) => store(name, null));
    } else if (value === 'in') {
      anonymousId = anonymousId || cookie() || stored('aid') || uuid();
      setCookie(anonymousId, 31536000);
      store('aid', anonymousId);
      userId = userId || stored('uid');
      if (userId) {
        store('uid', userId);
      }
      const saved = stored('queue');
      queue = (Array.isArray(saved) ? saved : []).concat(queue).slice(-MAX_QUEUE);
      clicks = Object.assign(stored('clicks') || {}, clicks);
      persist();
      schedule(0);
    } else {
      anonymousId = anonymousId || uuid(); // kept in memory only until the person says yes
    }
  };

  // ---- events: batched, sent with keepalive, retried with backoff, each with an eventId
  let timer = null;
  let backoff = 0;
  let sending = false;

  const schedule = (millis) => {
    if (timer === null && consent === 'in' && queue.length) {
      timer = setTimeout(() => {
        timer = null;
        flush(false);
      }, millis);
    }
  };

  const eventsUrl = () => settings.server + '/v1/events?key=' + encodeURIComponent(settings.key);

  /** Takes events off the front of the queue while they fit in one keepalive request. */
  const nextBatch = () => {
    const lines = [];
    let bytes = 0;
    for (const event of queue) {
      const line = JSON.stringify(event);
      if (lines.length && bytes + line.length + 1 > BEACON_BYTES) {
        break;
      }
      lines.push(line);
      bytes += line.length + 1;
      if (lines.length >= 100) {
        break;
      }
    }
    return lines;
  };

  const flush = (leaving) => {
    if (consent !== 'in' || !queue.length || !settings.key) {
      return Promise.resolve();
    }
    if (sending && !leaving) {
      return Promise.resolve();
    }
    const lines = nextBatch();
    const body = lines.join('\n');
    const sent = queue.slice(0, lines.length);
    if (leaving && !w.fetch && navigator.sendBeacon) {
      // the page is going and cannot wait for an answer: a retry on the next page is de-duplicated by eventId
      navigator.sendBeacon(eventsUrl(), new Blob([body], {type: 'text/plain'}));
      return Promise.resolve();
    }
    sending = true;
    return fetch(eventsUrl(), {method: 'POST', body, keepalive: true, credentials: 'omit',
      headers: {'Content-Type': 'text/plain;charset=UTF-8'}})
      .then((response) => {
        if (response.status === 429 || response.status >= 500) {
          throw new Error('HTTP ' + response.status);
        }
        if (!response.ok) {
          // refused for good (a wrong key, origin or event): retrying cannot help
          response.text().then((text) => log('events refused', response.status, text));
        } else if (settings.debug) {
          response.json().then((answer) => answer.rejected && answer.rejected.length
            && log('events rejected', answer.rejected));
        }
        queue = queue.filter((event) => !sent.includes(event));
        backoff = 0;
        persist();
      })
      .catch((error) => {
        backoff = Math.min(backoff ? backoff * 2 : 1000, 60000);
        log('sending events failed, retrying in', backoff, 'ms:', error.message);
      })
      .finally(() => {
        sending = false;
        schedule(backoff || (queue.length > sent.length ? 0 : settings.flushMillis));
      });
  };

  const clickFor = (items) => {
    const now = Date.now();
    const span = settings.clickWindowHours * 3600000;
    let best = null;
    for (const id of items) {
      const click = clicks[id];
      if (click && now - click.at <= span && (!best || click.at > best.at)) {
        best = click;
      }
    }
    return best;
  };

  const track = (type, details) => {
    const o = details || {};
    if (consent === 'out' || !type) {
      return;
    }
    const items = o.itemIds || (o.itemId !== undefined && o.itemId !== null ? [String(o.itemId)] : []);
    const context = Object.assign({surface: 'web', page: location.pathname + location.search,
      device: w.matchMedia && matchMedia('(max-width: 767px)').matches ? 'mobile' : 'desktop'},
    d.referrer ? {referrer: d.referrer} : {}, o.context || {});
    if ((type === 'add_to_cart' || type === 'purchase') && !context.recId) {
      const click = clickFor(items);
      if (click) {
        context.recId = click.recId;
      }
    }
    const event = {eventId: uuid(), type, timestamp: new Date().toISOString(), catalog: o.catalog || settings.catalog,
      context};
    if (anonymousId) {
      event.anonymousId = anonymousId;
    }
    if (userId) {
      event.userId = userId;
    }
    if (items.length === 1) {
      event.itemId = items[0];
    } else if (items.length) {
      event.itemIds = items;
    }
    if (o.properties) {
      event.properties = o.properties;
    }
    queue.push(event);
    if (queue.length > MAX_QUEUE) {
      queue.shift();
    }
    persist();
    log('track', type, event);
    schedule(settings.flushMillis);
  };

  // ---- decisions and widgets
  let roles = {};

  const post = (path, body) => {
    const controller = w.AbortController ? new AbortController() : null;
    const timeout = setTimeout(() => controller && controller.abort(), settings.timeout);
    return fetch(settings.server + path + '?key=' + encodeURIComponent(settings.key), {method: 'POST',
      body: JSON.stringify(body), credentials: 'omit', headers: {'Content-Type': 'text/plain;charset=UTF-8'},
      signal: controller ? controller.signal : undefined})
      .then((response) => response.json().then((answer) => {
        if (!response.ok) {
          throw new Error(response.status + ' ' + (answer.code || '') + ': ' + (answer.message || ''));
        }
        return answer;
      }))
      .finally(() => clearTimeout(timeout));
  };

  const person = () => {
    const who = {};
    if (consent === 'in') {
      if (anonymousId) {
        who.anonymousId = anonymousId;
      }
      if (userId) {
        who.userId = userId;
      }
    }
    return who;
  };

  /** Asks one decision for every placement given; resolves with the answer, rejects on failure or timeout. */
  const recommend = (options) => {
    const o = options || {};
    const asked = performance.now();
    const body = Object.assign({catalog: o.catalog || settings.catalog,
      placements: (o.placements || []).slice(0, 30),
      context: Object.assign({channel: 'web'}, settings.context, o.context || {})}, person());
    return post('/v1/decisions', body).then((answer) => {
      answer.millis = Math.round((performance.now() - asked) * 10) / 10;
      api.lastDecisionMillis = answer.millis;
      roles = answer.roles || roles;
      log('decided in', answer.millis, 'ms', answer);
      return answer;
    });
  };

  /** Re-orders a page's own products; on failure or timeout resolves with them as given. */
  const rerank = (options) => {
    const o = options || {};
    const ids = (o.productIds || []).map(String);
    const body = Object.assign({catalog: o.catalog || settings.catalog, productIds: ids,
      pageType: o.pageType || (o.query !== undefined ? 'search' : 'category')}, person());
    if (o.query !== undefined) {
      body.query = o.query;
    }
    if (o.category !== undefined) {
      body.category = o.category;
    }
    return post('/v1/rerank', body)
      .then((answer) => ({productIds: answer.items.map((p) => p.id), recId: answer.recId || null,
        rule: answer.rule || null}))
      .catch((error) => {
        log('re-rank failed, the page keeps its order:', error.message);
        return {productIds: ids, recId: null, rule: null, error: error.message};
      });
  };

  const escapeHtml = (value) => String(value === undefined || value === null ? '' : value)
    .replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]);

  /** What {{name}} stands for in an item: its id, position, an attribute, or the attribute of that role. */
  const value = (item, name) => {
    if (name === 'id' || name === 'position' || name === 'recId') {
      return item[name];
    }
    const attributes = item.attributes || {};
    if (name in attributes) {
      return attributes[name];
    }
    return roles[name] ? attributes[roles[name]] : '';
  };

  const safeUrl = (url) => (/^(https?:|\/|\.|#)/i.test(String(url || '').trim()) ? url : '');

  /**
   * A value as a page shows it: a price with two decimals (the page adds its currency); a link
   * or picture address only when it is http(s) or relative, never javascript: or data:.
   */
  const shown = (item, name) => {
    const v = value(item, name);
    if (typeof v === 'number' && (name === 'price' || name === roles.price)) {
      return v.toFixed(2);
    }
    const address = ['url', 'image'].some((role) => name === role || name === roles[role]);
    return address ? safeUrl(v) : v;
  };

  const fillTemplate = (html, item) => html.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (m, name) => {
    const v = shown(item, name);
    return escapeHtml(Array.isArray(v) ? v.join(', ') : v);
  });

  const STYLE = `.attune-widget{font:var(--attune-font,inherit);color:var(--attune-text,inherit);margin:var(--attune-margin,1rem 0)}
.attune-widget h2{font-size:var(--attune-title-size,1.25rem);margin:0 0 .5rem}
.attune-row{position:relative}
.attune-items{list-style:none;margin:0;padding:0;display:grid;gap:var(--attune-gap,1rem)}
.attune-grid .attune-items{grid-template-columns:repeat(auto-fill,minmax(var(--attune-item-width,10rem),1fr))}
.attune-carousel .attune-items{grid-auto-flow:column;grid-auto-columns:var(--attune-item-width,10rem);overflow-x:auto;scroll-snap-type:x mandatory;scroll-behavior:smooth;padding-bottom:.25rem}
.attune-carousel .attune-item{scroll-snap-align:start}
.attune-item a{display:block;color:inherit;text-decoration:none;background:var(--attune-card,transparent);border-radius:var(--attune-radius,.5rem);padding:var(--attune-padding,0);height:100%}
.attune-item a:focus-visible{outline:2px solid var(--attune-accent,#2563eb);outline-offset:2px}
.attune-item img,.attune-noimage{display:block;width:100%;aspect-ratio:1;object-fit:cover;border-radius:var(--attune-radius,.5rem);background:var(--attune-placeholder,#eee)}
.attune-name{display:block;margin-top:.4rem;line-height:1.3}
.attune-price{display:block;font-weight:600;color:var(--attune-accent,inherit)}
.attune-scroll{position:absolute;top:35%;width:2.25rem;height:2.25rem;border-radius:50%;border:1px solid #ccc;background:var(--attune-button,#fff);cursor:pointer;font-size:1.1rem}
.attune-scroll.prev{left:-.5rem}.attune-scroll.next{right:-.5rem}
@media (hover:none){.attune-scroll{display:none}}`;

  const addStyle = () => {
    if (!d.getElementById('attune-style')) {
      const style = d.createElement('style');
      style.id = 'attune-style';
      style.textContent = STYLE;
      d.head.appendChild(style);
    }
  };

  const defaultItem = (item) => {
    const title = value(item, 'title') || item.id;
    const image = shown(item, 'image');
    const price = shown(item, 'price');
    const url = shown(item, 'url') || '#';
    return '<li class="attune-item" data-attune-item="' + escapeHtml(item.id) + '" data-attune-position="'
      + item.position + '"><a href="' + escapeHtml(url) + '">'
      + (image ? '<img src="' + escapeHtml(image) + '" alt="" loading="lazy">' : '<span class="attune-noimage"></span>')
      + '<span class="attune-name">' + escapeHtml(title) + '</span>'
      + (price !== '' && price !== undefined && price !== null ? '<span class="attune-price">' + escapeHtml(price)
        + '</span>' : '') + '</a></li>';
  };

  const render = (element, placement) => {
    const items = placement.items.map((item, i) => Object.assign({}, item, {position: i + 1,
      recId: placement.recId}));
    const templateRef = element.getAttribute('data-attune-template');
    const template = templateRef ? d.querySelector(templateRef) : element.querySelector('template');
    if (template) {
      const html = template.innerHTML;
      const holder = d.createElement('div');
      holder.innerHTML = items.map((item) => fillTemplate(html, item)).join('');
      // each item's outermost element says which item it is, for the impressions and clicks
      Array.from(holder.children).forEach((child, i) => {
        if (items[i]) {
          child.setAttribute('data-attune-item', items[i].id);
          child.setAttribute('data-attune-position', items[i].position);
        }
      });
      element.replaceChildren(template, ...holder.childNodes);
    } else {
      addStyle();
      const layout = element.getAttribute('data-attune-layout') === 'grid' ? 'grid' : 'carousel';
      const title = element.getAttribute('data-attune-title');
      const label = title || 'Recommended products';
      const id = 'attune-' + placement.placement.replace(/[^\w-]/g, '-');
      element.innerHTML = '<section class="attune-widget attune-' + layout + '" aria-labelledby="' + id + '">'
        + (title ? '<h2 id="' + id + '">' + escapeHtml(title) + '</h2>'
          : '<h2 id="' + id + '" hidden>' + escapeHtml(label) + '</h2>')
        + '<div class="attune-row">'
        + (layout === 'carousel' ? '<button type="button" class="attune-scroll prev" aria-label="Previous products">'
          + '&#8249;</button>' : '')
        + '<ul class="attune-items" role="list">' + items.map(defaultItem).join('') + '</ul>'
        + (layout === 'carousel' ? '<button type="button" class="attune-scroll next" aria-label="Next products">'
          + '&#8250;</button>' : '') + '</div></section>';
      element.querySelectorAll('.attune-item img').forEach((img) => img.addEventListener('error', () => {
        const empty = d.createElement('span');
        empty.className = 'attune-noimage';
        img.replaceWith(empty); // a broken picture gives way to an empty tile
      }));
      element.querySelectorAll('.attune-scroll').forEach((button) => button.addEventListener('click', () => {
        const list = element.querySelector('.attune-items');
        list.scrollBy({left: (button.classList.contains('next') ? 1 : -1) * list.clientWidth * 0.8});
      }));
    }
    element.setAttribute('data-attune-rec-id', placement.recId);
    watch(element, placement);
  };

  // ---- impressions (50% of an item in view for 1 continuous second) and clicks
  const seen = new Set();
  const visible = new Map(); // element -> timer
  let observer = null;

  const impression = (element) => {
    const recId = element.getAttribute('data-attune-rec-id-of');
    const item = element.getAttribute('data-attune-item');
    const key = recId + ' ' + item;
    if (seen.has(key)) {
      return;
    }
    seen.add(key);
    observer.unobserve(element);
    visible.delete(element);
    track('impression', {itemId: item, context: {recId}, properties: {position:
      Number(element.getAttribute('data-attune-position'))}});
  };

  const startTimer = (element) => {
    if (!visible.get(element) && d.visibilityState === 'visible') {
      visible.set(element, setTimeout(() => impression(element), 1000));
    }
  };

  const stopTimer = (element) => {
    clearTimeout(visible.get(element));
    visible.set(element, 0);
  };

  const observe = (element) => {
    if (!observer) {
      if (!w.IntersectionObserver) {
        return;
      }
      observer = new IntersectionObserver((entries) => entries.forEach((entry) => {
        if (entry.isIntersecting && entry.intersectionRatio >= 0.5) {
          startTimer(entry.target);
        } else {
          stopTimer(entry.target);
          visible.delete(entry.target);
        }
      }), {threshold: [0, 0.5, 1]});
      d.addEventListener('visibilitychange', () => {
        // a hidden tab shows nothing: the second starts again when it is back
        visible.forEach((t, element) => (d.visibilityState === 'visible' ? startTimer(element) : stopTimer(element)));
      });
    }
    observer.observe(element);
  };

  /** Tracks impressions and clicks of the items ([data-attune-item]) inside an element that shows an answer. */
  const watch = (element, placement) => {
    element.querySelectorAll('[data-attune-item]').forEach((item, i) => {
      if (!item.hasAttribute('data-attune-position')) {
        item.setAttribute('data-attune-position', i + 1);
      }
      item.setAttribute('data-attune-rec-id-of', placement.recId);
      observe(item);
      const clicked = (e) => {
        if (e.type === 'auxclick' && e.button !== 1) {
          return;
        }
        const id = item.getAttribute('data-attune-item');
        if (consent !== 'out') {
          clicks[id] = {recId: placement.recId, at: Date.now()};
        }
        track('click', {itemId: id, context: {recId: placement.recId}, properties: {position:
          Number(item.getAttribute('data-attune-position')), placement: placement.placement}});
        flush(true);
      };
      item.addEventListener('click', clicked);
      item.addEventListener('auxclick', clicked);
    });
  };

  /** Fills every placeholder of the page not filled yet, with one decision for all of them. */
  const fill = () => {
    const elements = Array.from(d.querySelectorAll('[data-attune-placement]:not([data-attune-state])'));
    if (!elements.length) {
      return Promise.resolve(null);
    }
    elements.forEach((e) => e.setAttribute('data-attune-state', 'loading'));
    const context = {};
    elements.forEach((e) => {
      ['product', 'category'].forEach((name) => {
        const v = e.getAttribute('data-attune-' + name);
        if (v) {
          context[name] = v;
        }
      });
    });
    const placements = Array.from(new Set(elements.map((e) => e.getAttribute('data-attune-placement'))));
    return recommend({placements, context}).then((answer) => {
      elements.forEach((element) => {
        const placement = answer.placements.find((p) => p.placement === element.getAttribute('data-attune-placement'));
        if (placement && placement.items.length) {
          render(element, placement);
          element.setAttribute('data-attune-state', 'filled');
        } else {
          element.setAttribute('data-attune-state', 'empty');
        }
      });
      return answer;
    }).catch((error) => {
      // the page's own content of the placeholder stays: Attune failing never breaks the page
      elements.forEach((e) => e.setAttribute('data-attune-state', 'failed'));
      log('recommendations failed, the placeholders keep their content:', error.message);
      return null;
    });
  };

  // ---- the public API: attune(name, ...args) and attune.name(...args)
  const api = (name, ...args) => {
    if (typeof api[name] !== 'function' || name === 'q') {
      log('unknown command', name);
      return undefined;
    }
    return api[name](...args);
  };
  Object.assign(api, {
    version: VERSION,
    init(options) {
      Object.assign(settings, options || {});
      applyConsent(stored('consent') || settings.consent, false);
      return api;
    },
    consent: (value) => applyConsent(value, true),
    identify(id, traits) {
      if (consent === 'out' || id === undefined || id === null) {
        return;
      }
      userId = String(id);
      if (consent === 'in') {
        store('uid', userId);
      }
      track('identify', {properties: traits || undefined});
    },
    reset() {
      userId = null;
      store('uid', null);
      if (consent !== 'out') {
        anonymousId = uuid();
        applyConsent(consent, false);
      }
    },
    track,
    pageView: (properties) => track('page_view', {properties}),
    productView: (itemId, properties) => track('view', {itemId, properties}),
    addToCart: (itemId, properties) => track('add_to_cart', {itemId, properties}),
    purchase(items, properties) {
      const list = (items || []).map((i) => (typeof i === 'object' ? i : {itemId: i}));
      const revenue = list.reduce((sum, i) => sum + (Number(i.price) || 0) * (Number(i.quantity) || 1), 0);
      track('purchase', {itemIds: list.map((i) => String(i.itemId)),
        properties: Object.assign({revenue: Math.round(revenue * 100) / 100, items: list}, properties || {})});
    },
    recommend,
    rerank,
    fill,
    watch,
    flush: () => flush(false),
    context(values) {
      Object.assign(settings.context, values || {});
    },
    anonymousId: () => anonymousId,
    userId: () => userId,
    consentState: () => consent,
  });

  // settings first (an init queued before the tag loaded may say consent is pending), then the calls in order
  const pending = Array.from((stub && stub.q) || [], (args) => Array.from(args));
  pending.filter((args) => args[0] === 'init').forEach((args) => Object.assign(settings, args[1] || {}));
  applyConsent(stored('consent') || settings.consent, false);
  w.attune = api;
  pending.filter((args) => args[0] !== 'init').forEach((args) => {
    try {
      api(...args);
    } catch (e) {
      log('a queued call failed', e);
    }
  });
  if (!settings.key || !settings.catalog) {
    log('set data-key and data-catalog on the script (or call attune("init", {key, catalog}))');
  }
  const leave = () => flush(true);
  d.addEventListener('visibilitychange', () => d.visibilityState === 'hidden' && leave());
  w.addEventListener('pagehide', leave);
  w.addEventListener('online', () => schedule(0));
  const start = () => {
    if (settings.pageView) {
      track('page_view');
    }
    fill();
  };
  if (d.readyState === 'loading') {
    d.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
