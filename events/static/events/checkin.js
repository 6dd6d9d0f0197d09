// Ticks without reloading the page: one POST per tick (idempotent on the server); without JS the form posts.
document.addEventListener("submit", function (e) {
  var form = e.target;
  if (!form.classList || !form.classList.contains("tick")) return;
  e.preventDefault();
  var button = form.querySelector("button");
  button.disabled = true;
  fetch(form.action, {method: "POST", body: new FormData(form), headers: {"Accept": "application/json"}, credentials: "same-origin"})
    .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
    .then(function (res) {
      if (!res.ok) { button.disabled = false; alert(res.body.error || "?"); return; }
      var done = document.createElement("span");
      done.className = "checked";
      done.textContent = "✓";
      form.replaceWith(done);
    })
    .catch(function () { button.disabled = false; form.submit(); });
});
