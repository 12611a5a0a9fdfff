/* The small map on place pages: Leaflet, vendored, with a marker on the place. With no tile server
   configured (map_tiles in content/archive.yml) it draws bundled country outlines instead, so
   viewing the page asks no other host for anything; the page reads the same without the map.
   The outlines come through arshifLoad (arshif-search.js, loaded before this), which also works
   from disk. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      Object.keys(attrs).forEach(function (k) { el[k] = attrs[k]; });
      el.onload = resolve; el.onerror = reject;
      document.head.appendChild(el);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll(".arshif-map[data-lat]");
    if (!boxes.length || !here) return;
    var vendor = new URL("../vendor/", here).href;
    Promise.all([
      load("link", { rel: "stylesheet", href: vendor + "leaflet/leaflet.css" }),
      load("script", { src: vendor + "leaflet/leaflet.js" }),
      load("script", { src: vendor + "topojson-client/topojson-client.min.js" })
    ]).then(function () {
      boxes.forEach(function (box) {
        var lat = parseFloat(box.dataset.lat), lon = parseFloat(box.dataset.lon);
        if (!isFinite(lat) || !isFinite(lon)) return;
        box.textContent = "";
        var map = window.L.map(box, { attributionControl: true }).setView([lat, lon], 5);
        var tiles = box.dataset.tiles;
        if (tiles) {
          window.L.tileLayer(tiles, { attribution: box.dataset.attribution || "", maxZoom: 12 }).addTo(map);
        } else {
          window.arshifLoad(vendor + "world-atlas/countries-110m.json").then(function (world) {
            window.L.geoJSON(window.topojson.feature(world, world.objects.countries), {
              style: { color: "#8d6e63", weight: 1, fillColor: "#efebe9", fillOpacity: 1 }
            }).addTo(map).bringToBack();
          });
          map.attributionControl.addAttribution("Natural Earth");
        }
        var icon = window.L.icon({ iconUrl: vendor + "leaflet/images/marker-icon.png", iconRetinaUrl: vendor + "leaflet/images/marker-icon-2x.png",
          shadowUrl: vendor + "leaflet/images/marker-shadow.png", iconSize: [25, 41], iconAnchor: [12, 41] });
        var marker = window.L.marker([lat, lon], { icon: icon }).addTo(map);
        var label = document.createElement("span");
        label.textContent = box.dataset.name || "";  // a name is text, never markup
        marker.bindTooltip(label);
        box.setAttribute("data-ready", "1");
      });
    });
  });
})();
