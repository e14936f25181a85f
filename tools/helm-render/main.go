// Command helm-render renders a Helm chart offline, where no helm binary can be installed: Go's
// text/template with sprig and Helm's own functions (include, tpl, required, toYaml, fromYaml,
// lookup, .Files, .Capabilities). It approximates `helm template` for plain charts; it does not
// render subcharts, run hooks' ordering, or coalesce values the way Helm does for globals.
//
//	helm-render -chart charts/issuer-platform [-f values.yaml]... [-api-versions a/v1,b/v1] [-notes]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"github.com/ghodss/yaml"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	chartDir := flag.String("chart", "", "chart directory")
	release := flag.String("name", "release", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	apiVersions := flag.String("api-versions", "", "comma-separated API versions the cluster serves beyond the core ones")
	notes := flag.Bool("notes", false, "print NOTES.txt instead of the manifests")
	var valueFiles listFlag
	flag.Var(&valueFiles, "f", "values file (repeatable)")
	flag.Parse()
	if err := run(*chartDir, *release, *namespace, *apiVersions, *notes, valueFiles); err != nil {
		fmt.Fprintln(os.Stderr, "helm-render:", err)
		os.Exit(1)
	}
}

func run(chartDir, release, namespace, apiVersions string, notes bool, valueFiles []string) error {
	chart, err := readYAMLFile(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return err
	}
	values, err := readYAMLFile(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return err
	}
	for _, file := range valueFiles {
		override, err := readYAMLFile(file)
		if err != nil {
			return err
		}
		values = mergeValues(values, override)
	}
	files, err := readChartFiles(chartDir)
	if err != nil {
		return err
	}
	versions := map[string]bool{"v1": true, "apps/v1": true, "batch/v1": true, "policy/v1": true, "autoscaling/v2": true}
	for _, v := range strings.Split(apiVersions, ",") {
		if v != "" {
			versions[v] = true
		}
	}
	chartName := fmt.Sprint(chart["name"])
	top := map[string]interface{}{
		"Values":  values,
		"Release": map[string]interface{}{"Name": release, "Namespace": namespace, "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1},
		"Chart":   map[string]interface{}{"Name": chartName, "Version": chart["version"], "AppVersion": chart["appVersion"]},
		"Capabilities": map[string]interface{}{
			"APIVersions": apiVersionSet(versions),
			"KubeVersion": map[string]interface{}{"Version": "v1.32.0", "Major": "1", "Minor": "32", "GitVersion": "v1.32.0"},
		},
		"Files": files,
	}

	names, err := filepath.Glob(filepath.Join(chartDir, "templates", "*"))
	if err != nil {
		return err
	}
	sort.Strings(names)
	root := template.New(chartName).Option("missingkey=zero")
	root.Funcs(funcMap(root))
	for _, name := range names {
		text, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if _, err := root.New(path.Join(chartName, "templates", filepath.Base(name))).Parse(string(text)); err != nil {
			return err
		}
	}

	var out bytes.Buffer
	for _, name := range names {
		base := filepath.Base(name)
		isNotes := base == "NOTES.txt"
		if strings.HasPrefix(base, "_") || isNotes != notes {
			continue
		}
		templateName := path.Join(chartName, "templates", base)
		top["Template"] = map[string]interface{}{"Name": templateName, "BasePath": path.Join(chartName, "templates")}
		var rendered bytes.Buffer
		if err := root.ExecuteTemplate(&rendered, templateName, top); err != nil {
			return err
		}
		text := strings.ReplaceAll(rendered.String(), "<no value>", "")
		if notes {
			out.WriteString(text)
			continue
		}
		for _, document := range strings.Split(text, "\n---") {
			if strings.TrimSpace(stripComments(document)) == "" {
				continue
			}
			fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", templateName, strings.Trim(document, "\n"))
		}
	}
	_, err = os.Stdout.Write(out.Bytes())
	return err
}

// funcMap is sprig's functions plus those Helm adds (helm.sh/helm/v3/pkg/engine/funcs.go).
func funcMap(root *template.Template) template.FuncMap {
	funcs := sprig.TxtFuncMap()
	funcs["toYaml"] = func(v interface{}) string {
		data, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(data), "\n")
	}
	funcs["fromYaml"] = func(text string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(text), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	funcs["toJson"] = func(v interface{}) string {
		data, _ := json.Marshal(v)
		return string(data)
	}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		err := root.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err = t.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		err = t.Execute(&buf, data)
		return buf.String(), err
	}
	funcs["required"] = func(message string, v interface{}) (interface{}, error) {
		if v == nil || v == "" {
			return nil, fmt.Errorf("%s", message)
		}
		return v, nil
	}
	// As under `helm template`: no cluster to look up, so an empty result.
	funcs["lookup"] = func(apiVersion, kind, namespace, name string) map[string]interface{} {
		return map[string]interface{}{}
	}
	return funcs
}

type apiVersionSet map[string]bool

func (s apiVersionSet) Has(version string) bool { return s[version] }

// Files is the chart's non-template files, as Helm's .Files.
type Files map[string][]byte

func (f Files) Get(name string) string { return string(f[name]) }

func (f Files) Glob(pattern string) Files {
	matched := Files{}
	for name, data := range f {
		if ok, _ := path.Match(pattern, name); ok {
			matched[name] = data
		}
	}
	return matched
}

func (f Files) AsConfig() string {
	m := map[string]string{}
	for name, data := range f {
		m[path.Base(name)] = string(data)
	}
	out, _ := yaml.Marshal(m)
	return strings.TrimSuffix(string(out), "\n")
}

func readChartFiles(chartDir string) (Files, error) {
	files := Files{}
	err := filepath.Walk(chartDir, func(name string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(chartDir, name)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "templates/") || strings.HasPrefix(rel, "charts/") {
			return nil
		}
		data, err := os.ReadFile(name)
		files[rel] = data
		return err
	})
	return files, err
}

func readYAMLFile(name string) (map[string]interface{}, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	m := map[string]interface{}{}
	// As Helm: numbers stay json.Number, so integers are not turned into floats.
	if err := yaml.Unmarshal(data, &m, func(d *json.Decoder) *json.Decoder { d.UseNumber(); return d }); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return m, nil
}

// mergeValues overlays user values on the chart's: maps merge key by key, a null removes the key.
func mergeValues(base, override map[string]interface{}) map[string]interface{} {
	out := map[string]interface{}{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range override {
		if v == nil {
			delete(out, k)
			continue
		}
		baseMap, baseIsMap := out[k].(map[string]interface{})
		overrideMap, overrideIsMap := v.(map[string]interface{})
		if baseIsMap && overrideIsMap {
			out[k] = mergeValues(baseMap, overrideMap)
		} else {
			out[k] = v
		}
	}
	return out
}

func stripComments(document string) string {
	var kept []string
	for _, line := range strings.Split(document, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}
