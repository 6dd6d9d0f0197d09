// Live count of the moderation queue: the page works without it; this only refreshes the badge.
(function () {
  var badge = document.getElementById("queue-count");
  if (!badge || !window.WebSocket) return;
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var delay = 2000;
  function connect() {
    var socket = new WebSocket(scheme + location.host + badge.getAttribute("data-socket"));
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "moderation.count") {
        badge.textContent = data.count;
        delay = 2000;
      }
    };
    socket.onclose = function (event) {
      // Refused (4401/4403/4404): stop. Otherwise back off with jitter so sockets do not return in a herd.
      if (event.code === 4401 || event.code === 4403 || event.code === 4404) return;
      setTimeout(connect, Math.round(delay / 2 + Math.random() * delay / 2));
      delay = Math.min(delay * 2, 60000);
    };
  }
  connect();
})();
