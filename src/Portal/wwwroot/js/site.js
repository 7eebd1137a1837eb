// The portal's own script: small, no inline handlers (the CSP allows only scripts from this origin).
"use strict";

// ---- Notices -------------------------------------------------------------------------------------
// The layout's toast (#notice, role=status) confirms an action. After a redirect the server fills it;
// an htmx answer names it in HX-Trigger ({"notice": "..."}), which htmx raises as a "notice" event.
(() => {
  const visibleFor = 8000;
  let timer = 0;

  function show(text) {
    const toast = document.getElementById("notice");
    if (!toast) return;
    clearTimeout(timer);
    toast.textContent = "";
    // A fresh text node, a frame later: the same words twice in a row are announced twice.
    requestAnimationFrame(() => {
      toast.textContent = text;
      timer = setTimeout(() => { toast.textContent = ""; }, visibleFor);
    });
  }

  document.addEventListener("notice", (event) => show(String(event.detail?.value ?? "")));
  // A notice the server rendered (after a redirect) is set again, so that screen readers announce it too.
  document.addEventListener("DOMContentLoaded", () => {
    const text = document.getElementById("notice")?.textContent.trim();
    if (text) show(text);
  });
})();

// ---- Comboboxes ----------------------------------------------------------------------------------
// The ARIA combobox pattern (list autocomplete): an input with role=combobox whose aria-controls names
// a listbox of role=option elements that htmx refreshes as the person types. Down and Up move through
// the options (aria-activedescendant; focus stays in the input), Enter chooses the active one (a click:
// a link is followed, an htmx option fetches its choice), Escape closes the list.
(() => {
  const activeClass = "active";

  function listboxOf(input) {
    return document.getElementById(input.getAttribute("aria-controls"));
  }

  function optionsOf(input) {
    const listbox = listboxOf(input);
    return listbox && !listbox.hidden ? [...listbox.querySelectorAll("[role=option]")] : [];
  }

  function activate(input, option) {
    for (const other of optionsOf(input)) {
      other.setAttribute("aria-selected", "false");
      other.classList.remove(activeClass);
    }
    if (option) {
      option.setAttribute("aria-selected", "true");
      option.classList.add(activeClass);
      option.scrollIntoView({ block: "nearest" });
      input.setAttribute("aria-activedescendant", option.id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  // The option that was active stays active if the new list still has it (same id); otherwise none is.
  function refresh(input, announce) {
    const listbox = listboxOf(input);
    const count = listbox ? listbox.querySelectorAll("[role=option]").length : 0;
    if (listbox) listbox.hidden = count === 0;
    input.setAttribute("aria-expanded", count > 0 ? "true" : "false");
    const activeId = input.getAttribute("aria-activedescendant");
    const stillThere = count > 0 && activeId ? listbox.querySelector(`[role=option][id="${CSS.escape(activeId)}"]`) : null;
    activate(input, stillThere);
    // How many suggestions came, said by a polite live region beside the input (the list itself is not live).
    const status = document.getElementById(input.id + "-status");
    if (announce && status) {
      status.textContent = count === 0 ? (input.value.trim() ? "No suggestions." : "") : count === 1 ? "1 suggestion." : `${count} suggestions.`;
    }
  }

  // What was typed changed: the list on show is about to be replaced, so nothing in it may be chosen by Enter.
  document.addEventListener("input", (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.getAttribute("role") === "combobox") activate(input, null);
  });

  document.addEventListener("keydown", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.getAttribute("role") !== "combobox") return;
    const options = optionsOf(input);
    const current = options.findIndex((o) => o.id === input.getAttribute("aria-activedescendant"));
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        const listbox = listboxOf(input);
        if (listbox && listbox.hidden && listbox.querySelector("[role=option]")) {
          listbox.hidden = false; // reopened after Escape
        }
        const shown = optionsOf(input);
        if (shown.length === 0) return;
        event.preventDefault();
        input.setAttribute("aria-expanded", "true");
        const step = event.key === "ArrowDown" ? 1 : -1;
        const next = current < 0 ? (step > 0 ? 0 : shown.length - 1) : (current + step + shown.length) % shown.length;
        activate(input, shown[next]);
        break;
      }
      case "Enter":
        if (current < 0 || event.isComposing) return; // nothing active: the form's own Enter (submit) applies
        event.preventDefault();
        options[current].click();
        break;
      case "Escape": {
        const listbox = listboxOf(input);
        if (!listbox || listbox.hidden) return;
        event.preventDefault();
        listbox.hidden = true;
        input.setAttribute("aria-expanded", "false");
        activate(input, null);
        break;
      }
    }
  });

  // New suggestions arrived: refresh the combobox whose list (or whole field) htmx swapped, and no other,
  // so an unrelated request (the subdomain check beside it) never reopens a list closed with Escape.
  document.addEventListener("htmx:afterSettle", (event) => {
    const swapped = event.target;
    for (const input of document.querySelectorAll("input[role=combobox]")) {
      const listbox = listboxOf(input);
      if (swapped.contains(input) || (listbox && swapped.contains(listbox))) refresh(input, true);
    }
  });
  document.addEventListener("DOMContentLoaded", () => {
    for (const input of document.querySelectorAll("input[role=combobox]")) refresh(input, false);
  });
})();
