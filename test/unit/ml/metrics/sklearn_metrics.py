#!/usr/bin/python3
"""Reference values from scikit-learn for the metrics tests.

Usage: /usr/bin/python3 sklearn_metrics.py INPUT.json > output.json
INPUT holds the cases written by metrics-sklearn.test.ts; every output is a plain list or float.
"""
import json
import sys

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import (accuracy_score, confusion_matrix, mean_absolute_error,
                             mean_squared_error, r2_score, roc_auc_score, roc_curve)

cases = json.load(open(sys.argv[1]))
out = {}

binary = cases["binary"]
scores, labels = np.array(binary["scores"]), np.array(binary["labels"])
out["auroc"] = roc_auc_score(labels, scores)
fpr, tpr, thresholds = roc_curve(labels, scores, drop_intermediate=False)
out["roc"] = {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thresholds[1:].tolist()}
called = (scores >= binary["threshold"]).astype(int)
tn, fp, fn, tp = confusion_matrix(labels, called, labels=[0, 1]).ravel()
out["threshold"] = {"tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn),
                    "sensitivity": tp / (tp + fn), "specificity": tn / (tn + fp)}
prob_true, prob_pred = calibration_curve(labels, binary["probabilities"], n_bins=binary["bins"], strategy="uniform")
out["calibration"] = {"prob_true": prob_true.tolist(), "prob_pred": prob_pred.tolist()}

multi = cases["multi"]
probabilities, classes = np.array(multi["probabilities"]), np.array(multi["labels"])
out["multi_auroc"] = roc_auc_score(classes, probabilities, multi_class="ovr", average="macro")
predicted = probabilities.argmax(axis=1)
out["accuracy"] = accuracy_score(classes, predicted)
out["confusion"] = confusion_matrix(classes, predicted, labels=list(range(probabilities.shape[1]))).tolist()

regression = cases["regression"]
actual, estimate = np.array(regression["actual"]), np.array(regression["predicted"])
out["mae"] = mean_absolute_error(actual, estimate)
out["rmse"] = float(np.sqrt(mean_squared_error(actual, estimate)))
out["r2"] = r2_score(actual, estimate)

json.dump(out, sys.stdout)
