/*
 * The partner municipalities on a Leaflet map (templates/includes/map.html).
 *
 * Fetches the points, a GeoJSON FeatureCollection, from the site (data-points-url: the
 * filtered municipalities, however many) and draws, without any request to another
 * host: the country outline served with the site, an optional tile layer (the
 * MAP_TILE_URL setting), and one circle marker per municipality, coloured as the legend
 * says and opening a popup with a link to the city's page. The marker colours come from
 * the legend's swatches (static/css/site.css), so the two cannot drift apart.
 */
(function () {
  "use strict";

  var EUROPE = [[34, -12], [71, 42]];

  var container = document.getElementById("map");
  if (!container || typeof window.L === "undefined") {
    return;
  }
  var L = window.L;
  var block = container.closest(".map-block");

  function escapeHtml(text) {
    var element = document.createElement("span");
    element.textContent = text;
    return element.innerHTML;
  }

  function legendEntries() {
    var entries = {};
    block.querySelectorAll(".map-legend [data-category]").forEach(function (item) {
      var swatch = item.querySelector(".swatch");
      entries[item.dataset.category] = {
        label: item.textContent.trim(),
        color: window.getComputedStyle(swatch).backgroundColor,
      };
    });
    return entries;
  }

  function popupContent(point, entry) {
    var content = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    content.appendChild(link);
    if (entry) {
      var phases = document.createElement("p");
      phases.textContent = entry.label;
      content.appendChild(phases);
    }
    return content;
  }

  // Leaflet measures its container: show it before drawing.
  block.hidden = false;
  // The zoom buttons' names come from the page, in its language.
  var map = L.map(container, { minZoom: 3, maxZoom: 12, zoomSnap: 0.5, zoomControl: false });
  L.control
    .zoom({ zoomInTitle: container.dataset.zoomIn, zoomOutTitle: container.dataset.zoomOut })
    .addTo(map);
  map.attributionControl.addAttribution(escapeHtml(container.dataset.outlineAttribution));

  if (container.dataset.tileUrl) {
    L.tileLayer(container.dataset.tileUrl, {
      attribution: escapeHtml(container.dataset.tileAttribution),
    }).addTo(map);
  } else {
    container.classList.add("map-without-tiles");
    fetch(container.dataset.outlineUrl)
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (outline) {
        if (outline) {
          L.geoJSON(outline, { interactive: false, className: "map-outline" })
            .addTo(map)
            .bringToBack();
        }
      });
  }

  var entries = legendEntries();

  function marker(feature) {
    var point = feature.properties;
    var entry = entries[point.category];
    // GeoJSON gives the longitude first, Leaflet the latitude.
    var coordinates = feature.geometry.coordinates;
    return L.circleMarker([coordinates[1], coordinates[0]], {
      radius: 7,
      weight: 2,
      color: "#ffffff",
      fillColor: entry ? entry.color : "#1b1b1b",
      fillOpacity: 1,
    })
      .bindTooltip(point.name)
      .bindPopup(popupContent(point, entry));
  }

  // Europe until the points arrive, and if they cannot be loaded.
  map.fitBounds(EUROPE);
  fetch(container.dataset.pointsUrl)
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (points) {
      if (points && points.features.length) {
        var group = L.featureGroup(points.features.map(marker)).addTo(map);
        map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 7 });
      }
    });
})();
