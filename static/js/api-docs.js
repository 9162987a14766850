// Starts Swagger UI on the API docs page (templates/api/docs.html) from a file, since
// the Content-Security-Policy allows no inline script.
"use strict";

const root = document.getElementById("swagger-ui");
window.ui = SwaggerUIBundle({
  url: root.dataset.schemaUrl,
  domNode: root,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  // No call to the public validator service: nothing leaves this host.
  validatorUrl: null,
  tryItOutEnabled: true,
});
