// Live turnout (and results when public) on an open poll page. The page works without this file.
(function () {
  "use strict";
  var box = document.getElementById("turnout");
  if (!box || !box.dataset.live || !window.WebSocket) return;
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var delay = 1000;
  function set(root, selector, value) {
    var el = root.querySelector(selector);
    if (el) el.textContent = value;
  }
  function apply(data) {
    set(box, "[data-voted]", data.voted);
    set(box, "[data-eligible]", data.eligible);
    (data.results || []).forEach(function (option) {
      var row = document.querySelector('[data-option="' + option.id + '"]');
      if (!row) return;
      set(row, "[data-votes]", option.votes);
      set(row, "[data-percent]", option.percent);
      var bar = row.querySelector(".bar span");
      if (bar) bar.className = "w" + option.width;
    });
  }
  function connect() {
    var socket = new WebSocket(scheme + location.host + box.dataset.live);
    socket.onmessage = function (event) {
      delay = 1000;
      apply(JSON.parse(event.data));
    };
    socket.onclose = function (event) {
      // 4401/4403: not allowed to watch this poll; 4404: gone. Otherwise (server restart, Redis back)
      // retry, slower each time (data is dear), with jitter so hundreds of phones do not return at once.
      if (event.code === 4401 || event.code === 4403 || event.code === 4404) return;
      setTimeout(connect, Math.round(delay / 2 + Math.random() * delay / 2));
      delay = Math.min(delay * 2, 60000);
    };
  }
  connect();
})();
