// Starts ReDoc on /redoc from the bundle the app serves itself (no CDN).
(function () {
  "use strict";
  var mount = document.getElementById("redoc");
  Redoc.init(mount.getAttribute("data-openapi-url"), {}, mount);
})();
