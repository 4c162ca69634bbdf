// Starts Swagger UI on /docs from the bundle the app serves itself (no CDN).
(function () {
  "use strict";
  var mount = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: mount.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    validatorUrl: null,  // the default validator is an outside service
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
