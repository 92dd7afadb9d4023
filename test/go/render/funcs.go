package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"text/template"
	"unicode"
)

// funcMap is Director's template FuncMap restricted to what the TypeScript renderer supports:
// Director's own helpers (pkg/templatehelper) and sprig v3's functions, written out as sprig has them.
func funcMap() template.FuncMap {
	return template.FuncMap{
		// Director's helpers.
		"toString":  toString,
		"contains":  contains,
		"Join":      joinStrings,
		"mkslice":   mkslice,
		"stringify": stringify,
		// sprig.
		"default":    dfault,
		"empty":      empty,
		"coalesce":   coalesce,
		"ternary":    ternary,
		"quote":      quote,
		"squote":     squote,
		"cat":        cat,
		"upper":      strings.ToUpper,
		"lower":      strings.ToLower,
		"trim":       strings.TrimSpace,
		"trimAll":    func(a, b string) string { return strings.Trim(b, a) },
		"trimSuffix": func(a, b string) string { return strings.TrimSuffix(b, a) },
		"trimPrefix": func(a, b string) string { return strings.TrimPrefix(b, a) },
		"replace":    func(old, new, src string) string { return strings.Replace(src, old, new, -1) },
		"nospace":    deleteWhiteSpace,
		"b64enc":     func(v string) string { return base64.StdEncoding.EncodeToString([]byte(v)) },
		"b64dec":     base64decode,
		"hasPrefix":  func(substr string, str string) bool { return strings.HasPrefix(str, substr) },
		"hasSuffix":  func(substr string, str string) bool { return strings.HasSuffix(str, substr) },
		"repeat":     func(count int, str string) string { return strings.Repeat(str, count) },
		"trunc":      trunc,
		"indent":     indent,
		"nindent":    func(spaces int, v string) string { return "\n" + indent(spaces, v) },
		"toJson":     toJSON,
		"join":       func(sep string, v interface{}) string { return strings.Join(strslice(v), sep) },
		"splitList":  func(sep, orig string) []string { return strings.Split(orig, sep) },
		"slice":      sprigSlice,
	}
}

func toString(bytesData []byte) *string {
	config := string(bytesData)
	if config == "" {
		return nil
	}
	return &config
}

func contains(faConfig json.RawMessage, str string) bool {
	return strings.Contains(string(faConfig), str)
}

func joinStrings(elems []string) string {
	if len(elems) == 0 {
		return ""
	}
	return `"` + strings.Join(elems, `", "`) + `"`
}

func mkslice(args ...string) []string { return args }

func stringify(v interface{}) string {
	switch v := v.(type) {
	case string:
		return v
	case *string:
		return *v
	case []byte:
		return string(v)
	case error:
		return v.Error()
	case fmt.Stringer:
		return v.String()
	default:
		return fmt.Sprintf("%v", v)
	}
}

func dfault(d interface{}, given ...interface{}) interface{} {
	if empty(given) || empty(given[0]) {
		return d
	}
	return given[0]
}

func empty(given interface{}) bool {
	g := reflect.ValueOf(given)
	if !g.IsValid() {
		return true
	}
	switch g.Kind() {
	default:
		return g.IsNil()
	case reflect.Array, reflect.Slice, reflect.Map, reflect.String:
		return g.Len() == 0
	case reflect.Bool:
		return !g.Bool()
	case reflect.Complex64, reflect.Complex128:
		return g.Complex() == 0
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return g.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return g.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return g.Float() == 0
	case reflect.Struct:
		return false
	}
}

func coalesce(v ...interface{}) interface{} {
	for _, val := range v {
		if !empty(val) {
			return val
		}
	}
	return nil
}

func ternary(vt interface{}, vf interface{}, v bool) interface{} {
	if v {
		return vt
	}
	return vf
}

func strval(v interface{}) string {
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	case error:
		return v.Error()
	case fmt.Stringer:
		return v.String()
	default:
		return fmt.Sprintf("%v", v)
	}
}

func quote(str ...interface{}) string {
	out := make([]string, 0, len(str))
	for _, s := range str {
		if s != nil {
			out = append(out, fmt.Sprintf("%q", strval(s)))
		}
	}
	return strings.Join(out, " ")
}

func squote(str ...interface{}) string {
	out := make([]string, 0, len(str))
	for _, s := range str {
		if s != nil {
			out = append(out, fmt.Sprintf("'%v'", s))
		}
	}
	return strings.Join(out, " ")
}

func cat(v ...interface{}) string {
	kept := make([]interface{}, 0, len(v))
	for _, i := range v {
		if i != nil {
			kept = append(kept, i)
		}
	}
	r := strings.TrimSpace(strings.Repeat("%v ", len(kept)))
	return fmt.Sprintf(r, kept...)
}

func deleteWhiteSpace(str string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, str)
}

func base64decode(v string) string {
	data, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return err.Error()
	}
	return string(data)
}

func trunc(c int, s string) string {
	if c < 0 && len(s)+c > 0 {
		return s[len(s)+c:]
	}
	if c >= 0 && len(s) > c {
		return s[:c]
	}
	return s
}

func indent(spaces int, v string) string {
	pad := strings.Repeat(" ", spaces)
	return pad + strings.Replace(v, "\n", "\n"+pad, -1)
}

func toJSON(v interface{}) string {
	output, _ := json.Marshal(v)
	return string(output)
}

func strslice(v interface{}) []string {
	switch v := v.(type) {
	case []string:
		return v
	case []interface{}:
		b := make([]string, 0, len(v))
		for _, s := range v {
			if s != nil {
				b = append(b, strval(s))
			}
		}
		return b
	default:
		val := reflect.ValueOf(v)
		switch val.Kind() {
		case reflect.Array, reflect.Slice:
			l := val.Len()
			b := make([]string, 0, l)
			for i := 0; i < l; i++ {
				value := val.Index(i).Interface()
				if value != nil {
					b = append(b, strval(value))
				}
			}
			return b
		default:
			if v == nil {
				return []string{}
			}
			return []string{strval(v)}
		}
	}
}

// toInt is spf13/cast's ToInt for the kinds templates produce.
func toInt(v interface{}) int {
	switch s := v.(type) {
	case int:
		return s
	case int64:
		return int(s)
	case uint8:
		return int(s)
	case float64:
		return int(s)
	case bool:
		if s {
			return 1
		}
		return 0
	case string:
		i, err := strconv.ParseInt(s, 0, 0)
		if err == nil {
			return int(i)
		}
		return 0
	}
	return 0
}

func sprigSlice(list interface{}, indices ...interface{}) interface{} {
	tp := reflect.TypeOf(list).Kind()
	switch tp {
	case reflect.Slice, reflect.Array:
		l2 := reflect.ValueOf(list)
		l := l2.Len()
		if l == 0 {
			return nil
		}
		var start, end int
		if len(indices) > 0 {
			start = toInt(indices[0])
		}
		if len(indices) < 2 {
			end = l
		} else {
			end = toInt(indices[1])
		}
		return l2.Slice(start, end).Interface()
	default:
		panic(fmt.Errorf("list should be type of slice or array but %s", tp))
	}
}
