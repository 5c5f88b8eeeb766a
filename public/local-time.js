// Optional: adds the visitor's local time beside each UTC <time>. The page is complete without it.
(function () {
  'use strict';
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
