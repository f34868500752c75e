// The map of events: Natural Earth country outlines (world-atlas, 1:110m) shipped inside
// the page as its only base layer, so it works offline with no tile server.
import L from "leaflet";
import { feature } from "topojson-client";
import countries from "world-atlas/countries-110m.json";
import { el, token } from "./dom.js";

// Leaflet draws on a flat plane: a ring that crosses the antimeridian (Russia, Fiji)
// would be drawn straight across the world, so its longitudes are unwrapped past ±180.
function unwrap(ring) {
  const out = [];
  let shift = 0;
  let previous = null;
  for (const [lon, lat] of ring) {
    if (previous !== null && lon - previous > 180) shift -= 360;
    else if (previous !== null && lon - previous < -180) shift += 360;
    previous = lon;
    out.push([lon + shift, lat]);
  }
  return out;
}

function outlines() {
  const all = feature(countries, countries.objects.countries);
  const features = all.features
    .filter((f) => f.id !== "010") // Antarctica: its ring runs along the map's edge
    .map((f) => {
      const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates]
        : f.geometry.coordinates;
      const fixed = polygons.map((rings) => rings.map(unwrap));
      return { ...f, geometry: { type: "MultiPolygon", coordinates: fixed } };
    });
  return { type: "FeatureCollection", features };
}

export function makeMap(container, onSelect) {
  const map = L.map(container, { worldCopyJump: true, zoomSnap: 0.5, minZoom: 1, maxZoom: 10 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth outlines (world-atlas)");
  L.geoJSON(outlines(), {
    style: { color: "#8a9bb0", weight: 0.6, fillColor: "#eef1f4", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  map.setView([30, 10], 1.5);
  const layer = L.featureGroup().addTo(map);
  const markers = new Map();
  return {
    map,
    markers,
    show(events) {
      layer.clearLayers();
      markers.clear();
      for (const event of events) {
        const geo = event.geo;
        if (!geo || typeof geo.lat !== "number" || typeof geo.lon !== "number") continue;
        const marker = L.circleMarker([geo.lat, geo.lon], {
          radius: 5 + Math.min(6, event.sources.length), weight: 1.5,
          className: `marker t-${token(event.type)}`,
        });
        // Leaflet would parse a string tooltip as HTML; an element is taken as it is.
        marker.bindTooltip(el("span", { text: `${event.date} ${event.type}: ${geo.name}` }));
        marker.on("click", () => onSelect(event.id));
        marker.addTo(layer);
        Object.assign(marker.getElement().dataset, {
          event: event.id, lat: String(geo.lat), lng: String(geo.lon), place: geo.name,
        });
        markers.set(event.id, marker);
      }
      if (markers.size) map.fitBounds(layer.getBounds().pad(0.5), { maxZoom: 5 });
    },
    select(id) {
      for (const [key, marker] of markers) {
        marker.setStyle({ weight: key === id ? 4 : 1.5 });
        if (key === id) marker.bringToFront();
      }
    },
  };
}
