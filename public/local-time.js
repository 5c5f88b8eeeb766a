// Optional: adds the visitor's local time beside each UTC <time>, and the date to the tooltip of
// quiet uptime-bar days. The page is complete without it.
(function () {
  'use strict';
  // Quiet days share their list's short title; on hover, give the cell its own, with its UTC date.
  document.addEventListener('mouseover', function (e) {
    var li = e.target;
    if (!li || li.tagName !== 'LI' || li.title) return;
    var ol = li.parentNode;
    var from = ol && ol.getAttribute && ol.getAttribute('data-from');
    if (!from) return;
    var at = Date.parse(from + 'T00:00:00Z') + Array.prototype.indexOf.call(ol.children, li) * 864e5;
    if (!isNaN(at)) li.title = new Date(at).toISOString().slice(0, 10) + ': ' + ol.title;
  });
  var time, day;
  try {
    time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
    day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
  } catch (e) {
    return;
  }
  var nodes = document.querySelectorAll('time[datetime*="T"]');
  for (var i = 0; i < nodes.length; i++) {
    var t = nodes[i];
    var d = new Date(t.getAttribute('datetime'));
    if (isNaN(d.getTime())) continue;
    // Visitors on UTC already read their own time.
    if (d.getTimezoneOffset() === 0) continue;
    var sameDay = d.getDate() === d.getUTCDate();
    var span = document.createElement('span');
    span.className = 'local-time';
    span.textContent = ' (' + (sameDay ? '' : day.format(d) + ', ') + time.format(d) + ' your time)';
    t.insertAdjacentElement('afterend', span);
  }
})();
