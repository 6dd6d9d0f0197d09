// Live notifications: updates the header badge and the inbox when a notification arrives.
// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  if (!("WebSocket" in window)) { return; }
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var delay = 2000;
  function badge() {
    var link = document.querySelector('a[href="/notifications/"]');
    if (!link) { return null; }
    var el = link.querySelector(".badge");
    if (!el) {
      el = document.createElement("span");
      el.className = "badge";
      el.textContent = "0";
      link.appendChild(document.createTextNode(" "));
      link.appendChild(el);
    }
    return el;
  }
  function show(message) {
    var el = badge();
    if (el) { el.textContent = String((parseInt(el.textContent, 10) || 0) + 1); }
    var list = document.getElementById("inbox");
    if (list) {
      var item = document.createElement("li");
      item.className = "card unread";
      var p = document.createElement("p");
      if (message.url) {
        var a = document.createElement("a");
        a.href = message.url;
        a.textContent = message.text;
        p.appendChild(a);
      } else {
        p.textContent = message.text;
      }
      item.appendChild(p);
      list.insertBefore(item, list.firstChild);
    }
    var live = document.getElementById("live-status");
    if (live) { live.textContent = message.text; }
  }
  function connect() {
    var socket = new WebSocket(scheme + location.host + "/ws/notifications/");
    socket.onmessage = function (event) {
      try { show(JSON.parse(event.data)); } catch (e) { /* ignore malformed */ }
    };
    socket.onopen = function () { delay = 2000; document.documentElement.setAttribute("data-live", "on"); };
    socket.onclose = function (event) {
      document.documentElement.removeAttribute("data-live");
      // Refused (4401/4403/4404): stop. Otherwise back off with jitter so sockets do not return in a herd.
      if (event.code === 4401 || event.code === 4403 || event.code === 4404) { return; }
      setTimeout(connect, Math.round(delay / 2 + Math.random() * delay / 2));
      delay = Math.min(delay * 2, 60000);
    };
  }
  connect();
}());
