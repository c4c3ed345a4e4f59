#!/usr/bin/env python3
"""Validate the Trae Health starter dataset in seed/.

Usage:  python3 seed/tools/validate.py [--seed DIR] [--reference DIR] [--quiet]

Checks formats, enums, unique keys/names, cross-references, required
nutrients, Atwater consistency (warnings), per-serving energy ranges per meal
type, and prints counts plus diet coverage estimated with simple ingredient
keyword rules.  Exits with status 1 if any hard error is found.

--reference DIR  optional: directory holding the public reference datasets
                 (usda-sr26/, free-exercise-db/).  When given, also checks
                 that no exercise instruction shares a long word sequence with
                 free-exercise-db and no food name equals a USDA description.
"""
import argparse
import csv
import json
import os
import re
import sys
from collections import Counter, defaultdict

FOOD_HEADER = ["key", "name", "group", "kcal", "protein_g", "fat_g", "carbs_g", "fiber_g",
               "sugar_g", "sodium_mg", "sat_fat_g", "cholesterol_mg", "potassium_mg",
               "calcium_mg", "iron_mg", "vit_c_mg", "measures"]
NUTRIENTS = FOOD_HEADER[3:16]
REQUIRED_NUTRIENTS = ["kcal", "protein_g", "fat_g", "carbs_g"]
FOOD_GROUPS = {
    "0100": "Dairy and Egg Products", "0200": "Spices and Herbs", "0400": "Fats and Oils",
    "0500": "Poultry Products", "0600": "Soups Sauces and Gravies",
    "0700": "Sausages and Luncheon Meats", "0800": "Breakfast Cereals",
    "0900": "Fruits and Fruit Juices", "1000": "Pork Products",
    "1100": "Vegetables and Vegetable Products", "1200": "Nut and Seed Products",
    "1300": "Beef Products", "1400": "Beverages", "1500": "Finfish and Shellfish Products",
    "1600": "Legumes and Legume Products", "1700": "Lamb Veal and Game Products",
    "1800": "Baked Products", "1900": "Sweets", "2000": "Cereal Grains and Pasta",
}
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CUISINE_RE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
MEASURE_RE = re.compile(r"^([^=;]+)=(\d+(?:\.\d+)?)$")

EX_CATEGORIES = {"strength", "cardio", "stretching", "plyometrics", "powerlifting",
                 "olympic weightlifting", "strongman"}
LEVELS = {"beginner", "intermediate", "expert"}
FORCES = {"push", "pull", "static", None}
MECHANICS = {"compound", "isolation", None}
EQUIPMENT = {"body only", "dumbbell", "barbell", "kettlebells", "cable", "machine", "bands",
             "medicine ball", "exercise ball", "foam roll", "e-z curl bar", "other"}
MUSCLES = {"abdominals", "abductors", "adductors", "biceps", "calves", "chest", "forearms",
           "glutes", "hamstrings", "lats", "lower back", "middle back", "neck", "quadriceps",
           "shoulders", "traps", "triceps"}
GOALS = {"strength", "hypertrophy", "endurance", "fat_loss", "mobility"}
MEAL_TYPES = {"breakfast", "lunch", "dinner", "snack"}
KCAL_RANGE = {"breakfast": (250, 650), "lunch": (350, 850), "dinner": (350, 850),
              "snack": (100, 350)}
SECONDS_PER_REP = 3

MIN_COUNTS = {"foods": 170, "exercises": 110, "workouts": 60, "recipes": 320}
MIN_DIET = {"vegan": 70, "vegetarian": 110, "pescatarian": 40, "keto": 35,
            "gluten_free": 150, "dairy_free": 150}
MIN_PER_MEAL = {"vegan": 12, "gluten_free": 10}


class Report:
    def __init__(self, quiet=False):
        self.errors = []
        self.warnings = []
        self.quiet = quiet

    def error(self, msg):
        self.errors.append(msg)

    def warn(self, msg):
        self.warnings.append(msg)


# --------------------------------------------------------------------------- diet rules
# Simple keyword rules over the food key + name.  They are deliberately
# conservative estimates, mirroring what an ingredient-based tagger would do.
def _has(text, *words):
    return any(re.search(r"\b" + w + r"\b", text) for w in words)


def classify_food(key, name, group):
    t = re.sub(r"[-_/]", " ", key + " " + name).lower()
    plant_milk = _has(t, "coconut", "oat milk", "almond milk", "soy milk", "dairy free",
                      "plant based")
    nut_butter = _has(t, "peanut butter", "almond butter", "cashew butter")
    tags = set()
    if group in ("0500", "0700", "1000", "1300", "1700") or _has(
            t, "chicken", "beef", "pork", "bacon", "ham", "lamb", "turkey", "sausage",
            "chorizo", "gelatin", "veal", "goat meat"):
        tags.add("meat")
    if group == "1500" or _has(t, "fish", "anchovy", "anchovies", "oyster", "shrimp", "prawn",
                               "crab", "lobster", "scallops?", "mussels?", "squid", "salmon",
                               "tuna", "cod", "sardines?", "mackerel", "trout", "tilapia"):
        tags.add("fish")
    if (not plant_milk and not nut_butter and not _has(t, "butternut")) and (
            _has(t, "milk", "cheese", "butter", "cream", "yogurt", "ghee", "whey", "paneer",
                 "halloumi", "ricotta", "mozzarella", "parmesan", "cheddar", "feta")):
        tags.add("dairy")
    if _has(t, "egg", "eggs", "mayonnaise"):
        tags.add("egg")
    if _has(t, "honey"):
        tags.add("honey")
    if _has(t, "pork", "bacon", "ham", "chorizo", "lard") or key in ("pork-sausage",
                                                                       "italian-sausage"):
        tags.add("pork")
    if _has(t, "wine", "beer", "alcohol", "mirin", "sake", "rum", "brandy") and not _has(t, "vinegar"):
        tags.add("alcohol")
    if _has(t, "gelatin"):
        tags.add("gelatin")
    if not _has(t, "gluten free", "wheat free") and _has(
            t, "wheat", "barley", "rye", "spelt", "couscous", "bulgur", "seitan", "bread",
            "breadcrumbs", "pasta", "noodles", "soba", "bagel", "naan", "pita", "muffin",
            "crackers", "tortilla wheat", "beer", "oats", "granola"):
        if not (_has(t, "rice noodles") or _has(t, "tortilla corn")):
            tags.add("gluten")
    return tags


def recipe_diets(recipe, foods):
    tags = set()
    for ing in recipe["ingredients"]:
        f = foods.get(ing["food"])
        if f:
            tags |= f["tags"]
    d = {}
    d["vegetarian"] = not ({"meat", "fish", "gelatin"} & tags)
    d["vegan"] = d["vegetarian"] and not ({"dairy", "egg", "honey"} & tags)
    d["pescatarian"] = "fish" in tags and "meat" not in tags and "gelatin" not in tags
    d["gluten_free"] = "gluten" not in tags
    d["dairy_free"] = "dairy" not in tags
    d["halal"] = not ({"pork", "alcohol", "gelatin"} & tags)
    return d


def recipe_nutrition(recipe, foods):
    tot = defaultdict(float)
    for ing in recipe["ingredients"]:
        f = foods.get(ing["food"])
        if not f:
            continue
        g = ing["grams"] / 100.0
        for n in ("kcal", "protein_g", "fat_g", "carbs_g", "fiber_g"):
            v = f["n"].get(n)
            if v is not None:
                tot[n] += v * g
    s = max(1, recipe.get("servings", 1) or 1)
    per = {k: v / s for k, v in tot.items()}
    for k in ("kcal", "protein_g", "fat_g", "carbs_g", "fiber_g"):
        per.setdefault(k, 0.0)
    per["net_carbs_g"] = max(0.0, per["carbs_g"] - per["fiber_g"])
    e = 4 * per["protein_g"] + 4 * per["carbs_g"] + 9 * per["fat_g"]
    per["fat_pct"] = 9 * per["fat_g"] / e if e else 0
    per["protein_pct"] = 4 * per["protein_g"] / e if e else 0
    per["carb_pct"] = 4 * per["carbs_g"] / e if e else 0
    return per


def is_keto(per):
    return per["net_carbs_g"] <= 10 and per["fat_pct"] >= 0.55


# --------------------------------------------------------------------------- foods
def load_foods(path, rep):
    foods = {}
    if not os.path.exists(path):
        rep.error(f"{path}: missing")
        return foods
    raw = open(path, "rb").read()
    if b"\r" in raw:
        rep.error("foods.csv: must use LF line endings (found CR)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        rep.error(f"foods.csv: not valid UTF-8 ({e})")
        return foods
    rows = list(csv.reader(text.splitlines()))
    if not rows or rows[0] != FOOD_HEADER:
        rep.error(f"foods.csv: header must be {','.join(FOOD_HEADER)}")
        return foods
    names = set()
    for ln, row in enumerate(rows[1:], start=2):
        where = f"foods.csv line {ln}"
        if len(row) != len(FOOD_HEADER):
            rep.error(f"{where}: expected {len(FOOD_HEADER)} columns, got {len(row)}")
            continue
        rec = dict(zip(FOOD_HEADER, row))
        key, name, group = rec["key"], rec["name"].strip(), rec["group"]
        if not KEY_RE.match(key):
            rep.error(f"{where}: bad key {key!r}")
        if key in foods:
            rep.error(f"{where}: duplicate key {key}")
        if not name:
            rep.error(f"{where}: empty name")
        if name.lower() in names:
            rep.error(f"{where}: duplicate name {name!r}")
        names.add(name.lower())
        if group not in FOOD_GROUPS:
            rep.error(f"{where}: unknown group {group!r}")
        n = {}
        for col in NUTRIENTS:
            v = rec[col].strip()
            if v == "":
                if col in REQUIRED_NUTRIENTS:
                    rep.error(f"{where} ({key}): required nutrient {col} is empty")
                n[col] = None
                continue
            try:
                fv = float(v)
            except ValueError:
                rep.error(f"{where} ({key}): {col}={v!r} is not a number")
                n[col] = None
                continue
            if fv < 0:
                rep.error(f"{where} ({key}): {col} is negative")
            n[col] = fv
        P, F, C = n.get("protein_g"), n.get("fat_g"), n.get("carbs_g")
        kcal = n.get("kcal")
        if None not in (P, F, C):
            if P + F + C > 100.5:
                rep.error(f"{where} ({key}): protein+fat+carbs exceed 100 g per 100 g")
            if n.get("sat_fat_g") is not None and n["sat_fat_g"] > F + 0.05:
                rep.error(f"{where} ({key}): saturated fat exceeds total fat")
            if n.get("fiber_g") is not None and n["fiber_g"] > C + 0.05:
                rep.error(f"{where} ({key}): fibre exceeds total carbohydrate")
            if n.get("sugar_g") is not None and n["sugar_g"] > C + 0.05:
                rep.error(f"{where} ({key}): sugar exceeds total carbohydrate")
            if kcal is not None and kcal >= 50:
                est = 4 * P + 4 * C + 9 * F
                fib = n.get("fiber_g") or 0.0
                est_fibre = 4 * P + 4 * (C - fib) + 2 * fib + 9 * F
                alcohol = re.search(r"\b(alcohol|wine|beer|vinegar|extract)\b", name.lower())
                ok = any(abs(e - kcal) <= 0.15 * kcal for e in (est, est_fibre))
                if not ok and not alcohol:
                    rep.warn(f"foods.csv {key}: Atwater estimate {est:.0f} kcal vs stated {kcal:.0f}")
        meas = rec["measures"].strip()
        if meas:
            for part in meas.split(";"):
                m = MEASURE_RE.match(part.strip())
                if not m or float(m.group(2)) <= 0:
                    rep.error(f"{where} ({key}): bad measure {part!r} (want label=grams)")
        else:
            rep.warn(f"foods.csv {key}: no household measure")
        foods[key] = {"name": name, "group": group, "n": n,
                      "tags": classify_food(key, name, group)}
    return foods


# --------------------------------------------------------------------------- exercises
def load_json(path, rep):
    if not os.path.exists(path):
        rep.error(f"{path}: missing")
        return []
    try:
        data = json.load(open(path, encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        rep.error(f"{path}: invalid JSON ({e})")
        return []
    if not isinstance(data, list):
        rep.error(f"{path}: top level must be an array")
        return []
    return data


def _nonempty_str(v):
    return isinstance(v, str) and v.strip() != ""


def check_exercises(data, rep):
    ex = {}
    names = set()
    fields = ["key", "name", "category", "level", "force", "mechanic", "equipment",
              "primary_muscles", "secondary_muscles", "met", "instructions"]
    for i, e in enumerate(data):
        where = f"exercises[{i}]"
        if not isinstance(e, dict):
            rep.error(f"{where}: not an object")
            continue
        missing = [f for f in fields if f not in e]
        extra = [f for f in e if f not in fields]
        if missing:
            rep.error(f"{where}: missing fields {missing}")
            continue
        if extra:
            rep.error(f"{where}: unexpected fields {extra}")
        k = e["key"]
        where = f"exercise {k}"
        if not isinstance(k, str) or not KEY_RE.match(k):
            rep.error(f"{where}: bad key")
        if k in ex:
            rep.error(f"{where}: duplicate key")
        if not _nonempty_str(e["name"]):
            rep.error(f"{where}: empty name")
        elif e["name"].lower() in names:
            rep.error(f"{where}: duplicate name {e['name']!r}")
        else:
            names.add(e["name"].lower())
        if e["category"] not in EX_CATEGORIES:
            rep.error(f"{where}: bad category {e['category']!r}")
        if e["level"] not in LEVELS:
            rep.error(f"{where}: bad level {e['level']!r}")
        if e["force"] not in FORCES:
            rep.error(f"{where}: bad force {e['force']!r}")
        if e["mechanic"] not in MECHANICS:
            rep.error(f"{where}: bad mechanic {e['mechanic']!r}")
        if e["equipment"] not in EQUIPMENT:
            rep.error(f"{where}: bad equipment {e['equipment']!r}")
        for fld in ("primary_muscles", "secondary_muscles"):
            v = e[fld]
            if not isinstance(v, list) or any(m not in MUSCLES for m in v):
                rep.error(f"{where}: bad {fld} {v!r}")
            elif len(set(v)) != len(v):
                rep.error(f"{where}: repeated muscle in {fld}")
        if isinstance(e["primary_muscles"], list) and not e["primary_muscles"]:
            rep.error(f"{where}: needs at least one primary muscle")
        if isinstance(e["primary_muscles"], list) and isinstance(e["secondary_muscles"], list):
            both = set(e["primary_muscles"]) & set(e["secondary_muscles"])
            if both:
                rep.error(f"{where}: muscle listed as both primary and secondary: {sorted(both)}")
        met = e["met"]
        if not isinstance(met, (int, float)) or isinstance(met, bool) or not (1.0 <= met <= 20):
            rep.error(f"{where}: met must be a number between 1 and 20")
        ins = e["instructions"]
        if (not isinstance(ins, list) or not (3 <= len(ins) <= 6)
                or not all(_nonempty_str(s) for s in ins)):
            rep.error(f"{where}: instructions must be 3-6 non-empty strings")
        ex[k] = e
    # coverage
    eq = Counter(e["equipment"] for e in ex.values())
    for q in sorted(EQUIPMENT):
        if eq[q] < 2:
            rep.error(f"exercises: equipment {q!r} has {eq[q]} exercises (need >= 2)")
    if eq["body only"] < 30:
        rep.error(f"exercises: only {eq['body only']} bodyweight exercises (need >= 30)")
    cats = Counter(e["category"] for e in ex.values())
    for c in sorted(EX_CATEGORIES):
        if not cats[c]:
            rep.error(f"exercises: no exercise in category {c!r}")
    lv = Counter(e["level"] for e in ex.values())
    for l in sorted(LEVELS):
        if not lv[l]:
            rep.error(f"exercises: no {l} exercise")
    prim = Counter(m for e in ex.values() for m in e["primary_muscles"])
    for m in sorted(MUSCLES):
        if not prim[m]:
            rep.error(f"exercises: no exercise has {m!r} as a primary muscle")
    return ex


# --------------------------------------------------------------------------- workouts
def workout_minutes(w):
    t = 0
    for e in w.get("exercises", []):
        try:
            work = e["reps"] * SECONDS_PER_REP if "reps" in e else e["duration_s"]
            t += e["sets"] * (work + e["rest_s"])
        except (KeyError, TypeError):
            pass
    return t / 60.0


def _posint(v, allow_zero=False):
    return isinstance(v, int) and not isinstance(v, bool) and (v >= 0 if allow_zero else v > 0)


def check_workouts(data, ex, rep):
    wk = {}
    names = set()
    fields = ["key", "name", "level", "goal", "description", "exercises"]
    for i, w in enumerate(data):
        where = f"workouts[{i}]"
        if not isinstance(w, dict):
            rep.error(f"{where}: not an object")
            continue
        missing = [f for f in fields if f not in w]
        if missing:
            rep.error(f"{where}: missing fields {missing}")
            continue
        extra = [f for f in w if f not in fields]
        if extra:
            rep.error(f"{where}: unexpected fields {extra}")
        k = w["key"]
        where = f"workout {k}"
        if not isinstance(k, str) or not KEY_RE.match(k):
            rep.error(f"{where}: bad key")
        if k in wk:
            rep.error(f"{where}: duplicate key")
        if not _nonempty_str(w["name"]):
            rep.error(f"{where}: empty name")
        elif w["name"].lower() in names:
            rep.error(f"{where}: duplicate name {w['name']!r}")
        else:
            names.add(w["name"].lower())
        if w["level"] not in LEVELS:
            rep.error(f"{where}: bad level {w['level']!r}")
        if w["goal"] not in GOALS:
            rep.error(f"{where}: bad goal {w['goal']!r}")
        if not _nonempty_str(w["description"]):
            rep.error(f"{where}: empty description")
        if not isinstance(w["exercises"], list) or not w["exercises"]:
            rep.error(f"{where}: exercises must be a non-empty list")
            continue
        for j, e in enumerate(w["exercises"]):
            ew = f"{where} entry {j}"
            if not isinstance(e, dict):
                rep.error(f"{ew}: not an object")
                continue
            allowed = {"exercise", "sets", "reps", "duration_s", "rest_s"}
            if set(e) - allowed:
                rep.error(f"{ew}: unexpected fields {sorted(set(e) - allowed)}")
            if e.get("exercise") not in ex:
                rep.error(f"{ew}: unknown exercise {e.get('exercise')!r}")
            if not _posint(e.get("sets")):
                rep.error(f"{ew}: sets must be a positive integer")
            if ("reps" in e) == ("duration_s" in e):
                rep.error(f"{ew}: needs exactly one of reps or duration_s")
            elif "reps" in e and not _posint(e["reps"]):
                rep.error(f"{ew}: reps must be a positive integer")
            elif "duration_s" in e and not _posint(e["duration_s"]):
                rep.error(f"{ew}: duration_s must be a positive integer")
            if not _posint(e.get("rest_s"), allow_zero=True):
                rep.error(f"{ew}: rest_s must be an integer >= 0")
        m = workout_minutes(w)
        if not (12 <= m <= 80):
            rep.warn(f"{where}: estimated length {m:.0f} min is outside ~15-75 min")
        wk[k] = w
    combos = {(w["goal"], w["level"]) for w in wk.values()}
    for g in sorted(GOALS):
        for l in sorted(LEVELS):
            if (g, l) not in combos:
                rep.error(f"workouts: no {l} workout for goal {g}")
        bw = [w for w in wk.values() if w["goal"] == g and all(
            ex.get(e["exercise"], {}).get("equipment") == "body only" for e in w["exercises"])]
        if not bw:
            rep.error(f"workouts: no bodyweight-only workout for goal {g}")
    return wk


# --------------------------------------------------------------------------- recipes
def check_recipes(data, foods, rep):
    rc = {}
    names = set()
    fields = ["key", "name", "cuisine", "meal_type", "servings", "prep_minutes", "cook_minutes",
              "description", "ingredients", "steps"]
    for i, r in enumerate(data):
        where = f"recipes[{i}]"
        if not isinstance(r, dict):
            rep.error(f"{where}: not an object")
            continue
        missing = [f for f in fields if f not in r]
        if missing:
            rep.error(f"{where}: missing fields {missing}")
            continue
        extra = [f for f in r if f not in fields]
        if extra:
            rep.error(f"{where}: unexpected fields {extra}")
        k = r["key"]
        where = f"recipe {k}"
        if not isinstance(k, str) or not KEY_RE.match(k):
            rep.error(f"{where}: bad key")
        if k in rc:
            rep.error(f"{where}: duplicate key")
        if not _nonempty_str(r["name"]):
            rep.error(f"{where}: empty name")
        elif r["name"].lower() in names:
            rep.error(f"{where}: duplicate name {r['name']!r}")
        else:
            names.add(r["name"].lower())
        if not isinstance(r["cuisine"], str) or not CUISINE_RE.match(r["cuisine"]):
            rep.error(f"{where}: bad cuisine {r['cuisine']!r}")
        if r["meal_type"] not in MEAL_TYPES:
            rep.error(f"{where}: bad meal_type {r['meal_type']!r}")
        if not _posint(r["servings"]):
            rep.error(f"{where}: servings must be a positive integer")
        for f in ("prep_minutes", "cook_minutes"):
            if not _posint(r[f], allow_zero=True):
                rep.error(f"{where}: {f} must be an integer >= 0")
        if not _nonempty_str(r["description"]):
            rep.error(f"{where}: empty description")
        ings = r["ingredients"]
        if not isinstance(ings, list) or not ings:
            rep.error(f"{where}: ingredients must be a non-empty list")
            continue
        seen = set()
        for j, ing in enumerate(ings):
            if not isinstance(ing, dict) or set(ing) != {"food", "grams"}:
                rep.error(f"{where} ingredient {j}: must be {{food, grams}}")
                continue
            if ing["food"] not in foods:
                rep.error(f"{where}: unknown food {ing['food']!r}")
            if ing["food"] in seen:
                rep.error(f"{where}: food {ing['food']!r} listed twice")
            seen.add(ing["food"])
            g = ing["grams"]
            if not isinstance(g, (int, float)) or isinstance(g, bool) or g <= 0:
                rep.error(f"{where}: grams for {ing['food']} must be > 0")
            elif g > 3000:
                rep.warn(f"{where}: {g} g of {ing['food']} looks large")
        st = r["steps"]
        if not isinstance(st, list) or not (2 <= len(st) <= 8) or not all(
                _nonempty_str(s) for s in st):
            rep.error(f"{where}: steps must be 2-8 non-empty strings")
        if r["meal_type"] in KCAL_RANGE and _posint(r["servings"]):
            per = recipe_nutrition(r, foods)
            lo, hi = KCAL_RANGE[r["meal_type"]]
            if not (lo <= per["kcal"] <= hi):
                rep.error(f"{where}: {per['kcal']:.0f} kcal per serving is outside "
                          f"{lo}-{hi} for {r['meal_type']}")
        rc[k] = r
    return rc


# --------------------------------------------------------------------------- reference
def check_reference(refdir, foods, ex, rep):
    fdb = os.path.join(refdir, "free-exercise-db", "exercises.json")
    if os.path.exists(fdb):
        ref = json.load(open(fdb, encoding="utf-8"))

        def shingles(t, n=10):
            w = re.findall(r"[a-z0-9']+", t.lower())
            return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}
        S = set()
        for r in ref:
            for s in r.get("instructions", []):
                S |= shingles(s)
        ids = {r.get("id", "").lower() for r in ref}
        for k, e in ex.items():
            if k.lower() in ids or k.replace("-", "_").lower() in ids:
                rep.error(f"exercise {k}: key equals a free-exercise-db id")
            for s in e["instructions"]:
                if shingles(s) & S:
                    rep.error(f"exercise {k}: instruction shares a 10-word run with free-exercise-db")
    fd = os.path.join(refdir, "usda-sr26", "FOOD_DES.txt")
    if os.path.exists(fd):
        descs = set()
        for line in open(fd, encoding="latin-1"):
            f = line.rstrip("\r\n").split("^")
            if len(f) > 3:
                descs.add(f[2].strip("~").lower())
                descs.add(f[3].strip("~").lower())
        for k, f in foods.items():
            if f["name"].lower() in descs and "," in f["name"]:
                rep.warn(f"food {k}: name equals a USDA description; consider rewording")


# --------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--seed", default=os.path.dirname(here))
    ap.add_argument("--reference", default=None)
    ap.add_argument("--quiet", action="store_true", help="do not list warnings")
    a = ap.parse_args()
    rep = Report(a.quiet)

    foods = load_foods(os.path.join(a.seed, "foods.csv"), rep)
    ex = check_exercises(load_json(os.path.join(a.seed, "exercises.json"), rep), rep)
    wk = check_workouts(load_json(os.path.join(a.seed, "workouts.json"), rep), ex, rep)
    rc = check_recipes(load_json(os.path.join(a.seed, "recipes.json"), rep), foods, rep)
    if a.reference:
        check_reference(a.reference, foods, ex, rep)

    counts = {"foods": len(foods), "exercises": len(ex), "workouts": len(wk), "recipes": len(rc)}
    for k, v in MIN_COUNTS.items():
        if counts[k] < v:
            rep.error(f"{k}: {counts[k]} entries, need at least {v}")

    # ---- recipe coverage
    by_meal = Counter(r["meal_type"] for r in rc.values())
    cuisines = Counter(r["cuisine"] for r in rc.values())
    diet = Counter()
    diet_meal = defaultdict(Counter)
    macro_meal = defaultdict(Counter)
    kcal_meal = defaultdict(list)
    for r in rc.values():
        d = recipe_diets(r, foods)
        per = recipe_nutrition(r, foods)
        d["keto"] = is_keto(per)
        for k, v in d.items():
            if v:
                diet[k] += 1
                diet_meal[r["meal_type"]][k] += 1
        kcal_meal[r["meal_type"]].append(per["kcal"])
        if per["protein_pct"] >= 0.30:
            macro_meal[r["meal_type"]]["high_protein"] += 1
        if per["carb_pct"] >= 0.55:
            macro_meal[r["meal_type"]]["high_carb"] += 1
        if per["fat_pct"] >= 0.50:
            macro_meal[r["meal_type"]]["high_fat"] += 1
    for k, v in MIN_DIET.items():
        if diet[k] < v:
            rep.error(f"recipes: {diet[k]} {k} recipes, need at least {v}")
    for meal in sorted(MEAL_TYPES):
        for k, v in MIN_PER_MEAL.items():
            if diet_meal[meal][k] < v:
                rep.error(f"recipes: {meal} has {diet_meal[meal][k]} {k} recipes, need {v}")
    if len(cuisines) < 12:
        rep.error(f"recipes: only {len(cuisines)} cuisines, need at least 12")

    # ---- output
    print("== counts")
    for k, v in counts.items():
        print(f"  {k:10s} {v}")
    fg = Counter(f["group"] for f in foods.values())
    print("== foods by group")
    for g in sorted(fg):
        print(f"  {g} {FOOD_GROUPS.get(g, '?'):34s} {fg[g]}")
    print("== exercises")
    print("  by category :", dict(sorted(Counter(e['category'] for e in ex.values()).items())))
    print("  by level    :", dict(sorted(Counter(e['level'] for e in ex.values()).items())))
    print("  by equipment:", dict(sorted(Counter(e['equipment'] for e in ex.values()).items())))
    print("== workouts")
    print("  by goal/level:", dict(sorted(Counter(f"{w['goal']}/{w['level']}" for w in wk.values()).items())))
    mins = [workout_minutes(w) for w in wk.values()]
    if mins:
        print(f"  estimated length: {min(mins):.0f}-{max(mins):.0f} min "
              f"(median {sorted(mins)[len(mins) // 2]:.0f}, {SECONDS_PER_REP} s per rep)")
    print("== recipes")
    print("  by meal type:", dict(sorted(by_meal.items())))
    print(f"  cuisines ({len(cuisines)}):", dict(sorted(cuisines.items())))
    for meal in ("breakfast", "lunch", "dinner", "snack"):
        ks = kcal_meal.get(meal, [])
        if ks:
            print(f"  {meal:9s} kcal/serving {min(ks):.0f}-{max(ks):.0f}  "
                  f"macro profiles {dict(macro_meal[meal])}")
    print("== diet coverage (keyword estimate)")
    for k in ("vegan", "vegetarian", "pescatarian", "keto", "gluten_free", "dairy_free", "halal"):
        per_meal = ", ".join(f"{m} {diet_meal[m][k]}" for m in ("breakfast", "lunch", "dinner", "snack"))
        print(f"  {k:12s} {diet[k]:4d}   ({per_meal})")
    print("  note: pescatarian = contains fish/seafood and no meat; keto = net carbs <= 10 g "
          "per serving and >= 55% of energy from fat; oats count as gluten-containing; "
          "halal = no pork, alcohol or gelatin.")
    print(f"== {len(rep.warnings)} warning(s), {len(rep.errors)} error(s)")
    if not a.quiet:
        for w in rep.warnings:
            print("  WARN ", w)
    for e in rep.errors:
        print("  ERROR", e)
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
