/* Ladepay driver pages: live updates for the status page over Server-Sent
   Events, and small conveniences on the landing page. Plain ES5, no build
   step: every page works without it. Amounts, energy and power come formatted
   from the server (src/adapters/web/driver/live-figures.ts), so there is no
   copy of the number formatting here; the elapsed time ticks every second in
   the page, so it is kept in step with format-time.ts by hand. */
(function () {
  'use strict';

  function byId(id) {
    return document.getElementById(id);
  }

  // Landing page: typing an amount means "Other amount".
  var custom = byId('custom');
  var customChoice = byId('amount-custom');
  if (custom && customChoice) {
    var pick = function () {
      customChoice.checked = true;
    };
    custom.addEventListener('focus', pick);
    custom.addEventListener('input', pick);
  }

  // A form sent back with problems: take the screen reader (and the eye) to the list of them.
  var problems = byId('problems');
  if (problems) problems.focus();

  var live = byId('live');
  var textsBlock = byId('texts');
  if (!live || !textsBlock || !window.EventSource || !window.JSON) return;

  var texts = JSON.parse(textsBlock.textContent);
  var token = live.getAttribute('data-token');
  var renderedVersion = Number(live.getAttribute('data-version'));
  var renderedEnded = live.getAttribute('data-ended') === '1';
  // The phone's clock may be off; the server's time at render fixes the elapsed time.
  var skewMs = Date.parse(live.getAttribute('data-now')) - Date.now();
  if (isNaN(skewMs)) skewMs = 0;
  var ENDED = ['needs_review', 'idle_fee', 'finished', 'payment_failed', 'start_failed'];
  var NBSP = '\u00a0';
  var current = null;
  var reloading = false;

  function two(n) {
    return n < 10 ? '0' + n : String(n);
  }
  function elapsed(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    return h > 0 ? h + NBSP + texts.hourUnit + ' ' + two(m) + NBSP + 'min' : m + NBSP + 'min ' + two(s % 60) + NBSP + 's';
  }

  function setText(id, text) {
    var el = byId(id);
    if (el && el.textContent !== text) el.textContent = text;
  }
  function show(id, on) {
    var el = byId(id);
    if (el) el.hidden = !on;
  }

  // While the idle fee runs: the time plugged in since charging ended.
  var idleElapsed = byId('idle-elapsed');
  var idleSince = idleElapsed ? Date.parse(idleElapsed.getAttribute('data-since')) : NaN;
  // The fee so far is the server's: fetch the page again when the next minute is billed.
  var idleFee = byId('idle-fee');
  var idleNext = idleFee ? Date.parse(idleFee.getAttribute('data-next')) : NaN;
  if (!isNaN(idleNext)) {
    window.setTimeout(function () {
      if (!reloading) {
        reloading = true;
        window.location.reload();
      }
    }, Math.max(1000, idleNext - (Date.now() + skewMs)));
  }

  function tick() {
    if (!isNaN(idleSince)) setText('idle-elapsed', elapsed((Date.now() + skewMs - idleSince) / 1000));
    if (!current || !current.chargingStartedAt) return;
    var end = current.endedAt ? Date.parse(current.endedAt) : Date.now() + skewMs;
    setText('elapsed', elapsed((end - Date.parse(current.chargingStartedAt)) / 1000));
  }

  function apply(view) {
    current = view;
    // The final price, receipt and outcome are rendered by the server: fetch the page again.
    if (renderedEnded || ENDED.indexOf(view.phase) !== -1) {
      if (view.version !== renderedVersion && !reloading) {
        reloading = true;
        window.location.reload();
      }
      return;
    }
    var phase = texts.phase[view.phase];
    if (phase) {
      setText('phase-title', phase.title);
      setText('phase-hint', phase.hint);
    }
    live.className = 'live phase-' + view.phase;
    live.setAttribute('data-phase', view.phase);
    show('resume', view.phase === 'awaiting_payment');
    show('meter', view.phase === 'charging' || view.phase === 'stopping' || !!view.chargingStartedAt || view.energyWh > 0);
    // An update without figures (from a process of an older release) leaves the shown ones as they are.
    var shown = view.shown || {};
    if (shown.energy) setText('energy', shown.energy);
    show('power-row', view.phase === 'charging' && typeof view.powerW === 'number');
    if (shown.power) setText('power', shown.power);
    show('soc-row', typeof view.socPercent === 'number');
    setText('soc', view.socPercent + NBSP + '%');
    show('elapsed-row', !!view.chargingStartedAt);
    tick();
    var bar = byId('cost-bar');
    if (bar) {
      bar.max = view.maxAmountOre;
      bar.value = Math.min(view.runningCostOre, view.maxAmountOre);
    }
    if (shown.runningCost && shown.maxAmount) setText('cost-text', texts.costOfMax.replace('{cost}', shown.runningCost).replace('{max}', shown.maxAmount));
    show('stop-form', view.canStop);
    show('station-note', !!view.stationNotAnswering);
    showCondition(view.condition);
    setText('stop-button', view.phase === 'charging' || view.phase === 'stopping' ? texts.stop : texts.cancel);
  }

  // What the connector reports while the charge is on (a fault, a pause).
  function showCondition(condition) {
    var note = byId('condition-note');
    if (!note) return;
    var text = '';
    if (condition && texts.condition) {
      text = condition.kind === 'fault' ? texts.condition.fault.replace('{kind}', texts.faultKind[condition.fault] || '') : texts.condition[condition.kind] || '';
    }
    setText('condition-text', text);
    note.className = condition && condition.kind === 'fault' ? 'alert' : 'notice';
    show('condition-note', text !== '');
  }

  var source = null;
  var timer = null;
  var delayMs = 1000;

  function connect() {
    timer = null;
    source = new EventSource('/s/' + encodeURIComponent(token) + '/events');
    source.addEventListener('session', function (event) {
      delayMs = 1000;
      setText('live-note', '');
      var view;
      try {
        view = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      apply(view);
    });
    // EventSource retries a dropped stream by itself but gives up for good on
    // an HTTP error; our own backoff (with jitter) covers both.
    source.onerror = function () {
      source.close();
      source = null;
      setText('live-note', texts.reconnecting);
      timer = window.setTimeout(connect, delayMs + Math.random() * delayMs * 0.5);
      delayMs = Math.min(delayMs * 2, 30000);
    };
  }
  function reconnectNow() {
    if (source || document.hidden) return;
    if (timer) window.clearTimeout(timer);
    delayMs = 1000;
    connect();
  }

  connect();
  window.setInterval(tick, 1000);
  document.addEventListener('visibilitychange', reconnectNow);
  window.addEventListener('online', reconnectNow);

  var stopForm = byId('stop-form');
  if (stopForm) {
    stopForm.addEventListener('submit', function () {
      stopForm.setAttribute('aria-busy', 'true');
    });
  }
})();
