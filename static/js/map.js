/*
 * The partner municipalities on a Leaflet map (templates/includes/map.html).
 *
 * Fetches the markers of the view, a GeoJSON FeatureCollection, from the site
 * (data-points-url: the filtered municipalities, with the view's zoom and box added)
 * and fetches again when the view moves. It draws, without any request to another
 * host: the country outline served with the site, an optional tile layer (the
 * MAP_TILE_URL setting), one circle marker per municipality, coloured as the legend
 * says and opening a popup with a link to the city's page, and where cities are many,
 * one labelled circle per cluster, whose popup offers to zoom in. The marker colours
 * come from the legend's swatches (static/css/site.css), so the two cannot drift apart.
 */
(function () {
  "use strict";

  var EUROPE = [[34, -12], [71, 42]];
  // The grid the site groups cities in (municipalities/map_view.py): the box asked for
  // is widened to whole cells, so the same address serves every view within them.
  var CELL_PIXELS = 64;
  var MAX_ZOOM = 12;
  var MERCATOR_LATITUDE = 85.0511;
  // Fetch once the view has stopped moving for this long.
  var WAIT_MS = 250;

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
  var map = L.map(container, {
    minZoom: 3,
    maxZoom: MAX_ZOOM,
    zoomSnap: 0.5,
    zoomControl: false,
  });
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

  function clusterPopup(count, bounds) {
    var content = document.createElement("div");
    var text = document.createElement("p");
    text.textContent = clusterLabel(count);
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = container.dataset.zoomIn;
    button.addEventListener("click", function () {
      map.closePopup();
      // At least one step closer, so that the cluster always opens up.
      var zoom = Math.max(map.getBoundsZoom(bounds, false, L.point(48, 48)), map.getZoom() + 1);
      map.setView(bounds.getCenter(), Math.min(zoom, MAX_ZOOM));
    });
    content.appendChild(text);
    content.appendChild(button);
    return content;
  }

  function clusterLabel(count) {
    // The page's sentence, in its language, has "#" where the number goes.
    return container.dataset.clusterLabel.replace("#", count);
  }

  function cluster(feature) {
    var count = feature.properties.count;
    // GeoJSON boxes are west, south, east, north.
    var box = feature.bbox;
    var bounds = L.latLngBounds([box[1], box[0]], [box[3], box[2]]);
    var size = count < 100 ? 32 : count < 1000 ? 40 : 48;
    var label = document.createElement("span");
    label.textContent = count;
    var coordinates = feature.geometry.coordinates;
    var disc = L.marker([coordinates[1], coordinates[0]], {
      icon: L.divIcon({ className: "map-cluster", html: label, iconSize: [size, size] }),
      keyboard: true,
    }).bindPopup(clusterPopup(count, bounds));
    disc.on("add", function () {
      disc.getElement().setAttribute("aria-label", clusterLabel(count));
    });
    // Keyboard users land on the button the popup offers.
    disc.on("popupopen", function (event) {
      event.popup.getElement().querySelector("button").focus();
    });
    return disc;
  }

  function featureMarker(feature) {
    return feature.properties.count ? cluster(feature) : marker(feature);
  }

  // The view's zoom and box, widened to whole cells of the site's grid.
  function viewQuery() {
    var zoom = Math.min(Math.floor(map.getZoom()), MAX_ZOOM);
    var bounds = map.getBounds();
    var northWest = map
      .project(bounds.getNorthWest(), zoom)
      .divideBy(CELL_PIXELS)
      .floor()
      .multiplyBy(CELL_PIXELS);
    var southEast = map
      .project(bounds.getSouthEast(), zoom)
      .divideBy(CELL_PIXELS)
      .ceil()
      .multiplyBy(CELL_PIXELS);
    var north = map.unproject(northWest, zoom);
    var south = map.unproject(southEast, zoom);
    function clamp(value, limit) {
      return Math.max(-limit, Math.min(limit, value)).toFixed(5);
    }
    var box = [
      clamp(north.lng, 180),
      clamp(south.lat, MERCATOR_LATITUDE),
      clamp(south.lng, 180),
      clamp(north.lat, MERCATOR_LATITUDE),
    ];
    return "zoom=" + zoom + "&bbox=" + box.join(",");
  }

  var layer = L.featureGroup().addTo(map);
  var shown = null;
  var request = null;
  var timer = null;
  var fitted = false;
  var popupOpen = false;

  // aria-busy while the markers drawn are not yet the view's: assistive technology
  // (and the browser tests) wait for the new ones.
  function settled() {
    if (timer === null) {
      container.removeAttribute("aria-busy");
    }
  }

  function load() {
    timer = null;
    var query = viewQuery();
    if (request) {
      request.abort();
      request = null;
    }
    if (query === shown) {
      settled();
      return;
    }
    container.setAttribute("aria-busy", "true");
    request = new AbortController();
    var url = container.dataset.pointsUrl;
    fetch(url + (url.indexOf("?") === -1 ? "?" : "&") + query, { signal: request.signal })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (points) {
        // Not under an open popup: once it closes, the view is asked for again.
        if (popupOpen) {
          return;
        }
        if (points) {
          shown = query;
          layer.clearLayers();
          points.features.forEach(function (feature) {
            layer.addLayer(featureMarker(feature));
          });
        }
        settled();
        if (!points) {
          return;
        }
        // The first answer frames the filtered cities, as close as a region.
        if (!fitted && points.features.length) {
          fitted = true;
          var bounds = layer.getBounds();
          points.features.forEach(function (feature) {
            if (feature.bbox) {
              bounds.extend([[feature.bbox[1], feature.bbox[0]], [feature.bbox[3], feature.bbox[2]]]);
            }
          });
          // At once, not animated: the view it settles on is asked for straight away.
          map.fitBounds(bounds, { padding: [24, 24], maxZoom: 7, animate: false });
        }
      })
      .catch(function (error) {
        // A newer view's request replaced this one.
        if (error.name !== "AbortError") {
          throw error;
        }
      });
  }

  // Europe until the points arrive, and if they cannot be loaded.
  map.fitBounds(EUROPE);
  load();
  function loadSoon() {
    window.clearTimeout(timer);
    container.setAttribute("aria-busy", "true");
    timer = window.setTimeout(load, WAIT_MS);
  }
  // A popup pans the map to show itself: the markers are not redrawn under it (that
  // would close it and lose a keyboard user's focus), only once it closes.
  map.on("popupopen", function () {
    popupOpen = true;
  });
  map.on("popupclose", function () {
    popupOpen = false;
    loadSoon();
  });
  map.on("moveend zoomend", function () {
    if (!popupOpen) {
      loadSoon();
    }
  });
})();
