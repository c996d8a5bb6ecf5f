/* Cascading 省 / 市 / 区（县） picker (core/widgets.py: RegionPickerWidget).
 *
 * The server renders a plain <select> of the regions a field accepts: with JavaScript off it
 * is the control. Here it is hidden and kept as the submitted value, and one select per level
 * is shown instead, each level's regions loaded from the regions API (?parent=CODE). A field
 * that takes several regions gets an 添加 button and the list of regions chosen, each with
 * 移除. If the API cannot be reached, the plain select stays. No dependencies. */
(function () {
  "use strict";

  var cache = {};

  function load(endpoint, params) {
    var query = new URLSearchParams({ page_size: "200", ordering: "code" });
    Object.keys(params).forEach(function (key) { query.set(key, params[key]); });
    var url = endpoint + "?" + query.toString();
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) { return data.results || []; })
        .catch(function (error) { delete cache[url]; throw error; });
    }
    return cache[url];
  }

  function format(text, params) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return params[key] || ""; });
  }

  function Picker(root) {
    this.root = root;
    this.select = root.querySelector("select");
    this.endpoint = root.getAttribute("data-endpoint");
    this.min = Number(root.getAttribute("data-min-level"));
    this.max = Number(root.getAttribute("data-max-level"));
    this.limited = root.hasAttribute("data-root-paths");
    this.rootPaths = (root.getAttribute("data-root-paths") || "").split(",").filter(Boolean);
    this.texts = JSON.parse(root.getAttribute("data-texts"));
    this.multiple = this.select.multiple;
    this.levels = [];
    this.box = document.createElement("div");
    this.box.className = "region-picker__levels";
    this.selects = document.createElement("div");
    this.selects.className = "region-picker__selects";
    this.box.appendChild(this.selects);
  }

  /* On the way to a region the field accepts, or inside one. */
  Picker.prototype.allowed = function (path) {
    if (!this.limited) return true;
    return this.rootPaths.some(function (root) {
      return root === path || root.indexOf(path + "/") === 0 || path.indexOf(root + "/") === 0;
    });
  };

  Picker.prototype.selectable = function (region) {
    if (!region || region.level < this.min || region.level > this.max) return false;
    if (!this.limited) return true;
    return this.rootPaths.some(function (root) {
      return region.path === root || region.path.indexOf(root + "/") === 0;
    });
  };

  Picker.prototype.addLevel = function (parent) {
    var self = this;
    var params = parent ? { parent: parent.code } : { level: "1" };
    return load(this.endpoint, params).then(function (results) {
      // English pages name regions in English, smallest first ("Chaoyang District, Beijing").
      var english = (document.documentElement.lang || "").indexOf("en") === 0;
      var regions = results
        .map(function (r) {
          var name = english && r.name_en ? r.name_en : r.name;
          return {
            code: r.code,
            name: name,
            level: r.level,
            path: parent ? parent.path + "/" + r.code : r.code,
            fullName: english
              ? name + (parent ? ", " + parent.fullName : "")
              : (parent ? parent.fullName : "") + name,
          };
        })
        .filter(function (r) { return r.level <= self.max && self.allowed(r.path); });
      if (!regions.length) return null;
      var select = document.createElement("select");
      var levelName = self.texts.levels[regions[0].level - 1];
      select.setAttribute("aria-label", levelName);
      var first = self.selectable(parent)
        ? format(self.texts.whole, { region: parent.name })
        : format(self.texts.chooseLevel, { level: levelName });
      select.appendChild(new Option(first, ""));
      regions.forEach(function (r) { select.appendChild(new Option(r.name, r.code)); });
      var index = self.levels.length;
      self.levels.push({ select: select, regions: regions, parent: parent });
      select.addEventListener("change", function () { self.choose(index); });
      self.selects.appendChild(select);
      return select;
    });
  };

  Picker.prototype.chosenAt = function (index) {
    var level = this.levels[index];
    var code = level.select.value;
    return level.regions.filter(function (r) { return r.code === code; })[0] || null;
  };

  /* The deepest region chosen, if the field accepts it. */
  Picker.prototype.current = function () {
    for (var i = this.levels.length - 1; i >= 0; i--) {
      var region = this.chosenAt(i);
      if (region) return this.selectable(region) ? region : null;
      if (this.levels[i].parent && this.selectable(this.levels[i].parent)) {
        return this.levels[i].parent;
      }
    }
    return null;
  };

  Picker.prototype.choose = function (index) {
    var self = this;
    this.levels.splice(index + 1).forEach(function (level) { level.select.remove(); });
    var region = this.chosenAt(index);
    if (!this.multiple) this.sync();
    this.updateAdd();
    if (!region || region.level >= this.max) return Promise.resolve();
    return this.addLevel(region).then(
      function () { self.updateAdd(); },
      function () { self.fail(); }
    );
  };

  Picker.prototype.option = function (region) {
    var options = Array.prototype.slice.call(this.select.options);
    var found = options.filter(function (o) { return o.value === region.code; })[0];
    if (!found) {
      found = new Option(region.name, region.code);
      found.setAttribute("data-full-name", region.fullName);
      found.setAttribute("data-path", region.path);
      this.select.appendChild(found);
    }
    return found;
  };

  /* A single region: the plain select follows the cascade. */
  Picker.prototype.sync = function () {
    var region = this.current();
    if (region) this.option(region).selected = true;
    else this.select.value = "";
    this.select.dispatchEvent(new Event("change", { bubbles: true }));
  };

  Picker.prototype.updateAdd = function () {
    if (this.addButton) this.addButton.disabled = !this.current();
  };

  /* Several regions: the chosen ones as a list, each with a remove button. */
  Picker.prototype.renderChosen = function () {
    var self = this;
    this.list.textContent = "";
    var chosen = Array.prototype.filter.call(this.select.options, function (o) {
      return o.selected && o.value;
    });
    this.empty.hidden = chosen.length > 0;
    chosen.forEach(function (option) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.textContent = option.getAttribute("data-full-name") || option.textContent.trim();
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button button-small button-secondary";
      remove.textContent = self.texts.remove;
      remove.setAttribute("aria-label", self.texts.remove + " " + name.textContent);
      remove.addEventListener("click", function () {
        option.selected = false;
        self.select.dispatchEvent(new Event("change", { bubbles: true }));
        self.renderChosen();
        (self.addButton || self.levels[0].select).focus();
      });
      item.appendChild(name);
      item.appendChild(remove);
      self.list.appendChild(item);
    });
  };

  Picker.prototype.buildMultiple = function () {
    var self = this;
    this.addButton = document.createElement("button");
    this.addButton.type = "button";
    this.addButton.className = "button button-small";
    this.addButton.textContent = this.texts.add;
    this.addButton.addEventListener("click", function () {
      var region = self.current();
      if (!region) return;
      self.option(region).selected = true;
      self.select.dispatchEvent(new Event("change", { bubbles: true }));
      self.renderChosen();
    });
    this.box.appendChild(this.addButton);
    var heading = document.createElement("p");
    heading.className = "region-picker__heading";
    heading.textContent = this.texts.chosen;
    this.empty = document.createElement("p");
    this.empty.className = "region-picker__empty";
    this.empty.textContent = this.texts.none;
    this.list = document.createElement("ul");
    this.list.className = "region-picker__chosen";
    this.list.setAttribute("aria-live", "polite");
    this.root.appendChild(heading);
    this.root.appendChild(this.empty);
    this.root.appendChild(this.list);
    this.renderChosen();
    this.updateAdd();
  };

  /* The API failed: back to the plain select, which always works. */
  Picker.prototype.fail = function () {
    if (this.failed) return;
    this.failed = true;
    var root = this.root;
    Array.prototype.slice.call(root.children).forEach(function (child) {
      if (child.tagName !== "SELECT") child.remove();
    });
    if (this.originalId) {
      this.levels.forEach(function (level) { level.select.removeAttribute("id"); });
      this.select.id = this.originalId;
    }
    this.select.hidden = false;
    var note = document.createElement("p");
    note.className = "region-picker__failed";
    note.textContent = this.texts.failed;
    root.appendChild(note);
  };

  Picker.prototype.start = function () {
    var self = this;
    var preset = this.multiple ? null : this.select.selectedOptions[0];
    return this.addLevel(null).then(function (first) {
      if (!first) return;  // nothing to cascade: the plain select stays
      // The field's label and messages now belong to the first visible select.
      ["aria-describedby", "aria-invalid"].forEach(function (name) {
        if (self.select.hasAttribute(name)) first.setAttribute(name, self.select.getAttribute(name));
      });
      if (self.select.id) {
        self.originalId = self.select.id;
        self.select.id = self.originalId + "-value";
        first.id = self.originalId;
        first.removeAttribute("aria-label");
      }
      self.select.removeAttribute("required");
      self.select.hidden = true;
      self.select.setAttribute("aria-hidden", "true");
      self.select.tabIndex = -1;
      self.root.insertBefore(self.box, self.select);
      if (self.multiple) self.buildMultiple();
      if (!preset || !preset.value || !preset.getAttribute("data-path")) return;
      var codes = preset.getAttribute("data-path").split("/");
      var step = function (i) {
        var level = self.levels[i];
        if (!level || i >= codes.length) return Promise.resolve();
        level.select.value = codes[i];
        if (level.select.value !== codes[i]) return Promise.resolve();
        return self.choose(i).then(function () { return step(i + 1); });
      };
      return step(0);
    }, function () { self.fail(); });
  };

  function init(scope) {
    Array.prototype.forEach.call(
      (scope || document).querySelectorAll("[data-region-picker]"),
      function (root) {
        if (root.hasAttribute("data-region-picker-ready") || !window.fetch) return;
        root.setAttribute("data-region-picker-ready", "");
        new Picker(root).start();
      }
    );
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(); });
  } else {
    init();
  }
  window.regionPicker = { init: init };
})();
